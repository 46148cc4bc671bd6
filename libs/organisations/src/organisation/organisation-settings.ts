import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Role, Tenancy } from '@steppingstone/core';
import { Organisation } from '../entities';
import { OrganisationsError, OrganisationsErrorCode } from '../organisations.error';

export interface OrganisationChanges {
  name?: string;
  timeZone?: string;
  secondFactorRequiredRoles?: Role[];
  /** null: keep records until changed. */
  retentionMonths?: number | null;
  /** One of the organisation's own census datasets; null: the newest with figures for the borough. */
  defaultCensusDatasetId?: string | null;
}

@Injectable()
export class OrganisationSettings {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  get(actor: Actor): Promise<Organisation> {
    return this.tenancy.run(actor.organisationId, (m) => m.findOneByOrFail(Organisation, { id: actor.organisationId }));
  }

  update(actor: Actor, changes: OrganisationChanges): Promise<Organisation> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (Object.keys(fields).length) {
        await manager.update(Organisation, { id: actor.organisationId }, { ...fields, updatedAt: () => 'now()' }).catch(refuseOtherDatasets);
        await this.audit.record(manager, actor, { action: 'organisation.updated', entityType: 'organisation', entityId: actor.organisationId, details: { fields: Object.keys(fields) } });
      }
      return manager.findOneByOrFail(Organisation, { id: actor.organisationId });
    });
  }
}

/** The key includes the organisation, so another organisation's dataset (or none) breaks it: that is the check. */
function refuseOtherDatasets(error: unknown): never {
  if ((error as { driverError?: { code?: string; constraint?: string } }).driverError?.constraint === 'organisations_default_census_dataset_fkey') {
    const message = 'defaultCensusDatasetId must be one of this organisation’s census datasets';
    throw new OrganisationsError(OrganisationsErrorCode.UnknownCensusDataset, message, [{ field: 'defaultCensusDatasetId', rule: 'ownDataset', message }]);
  }
  throw error;
}
