import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Role, Tenancy } from '@steppingstone/core';
import { Organisation } from '../entities';

export interface OrganisationChanges {
  name?: string;
  timeZone?: string;
  secondFactorRequiredRoles?: Role[];
  /** null: keep records until changed. */
  retentionMonths?: number | null;
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
        await manager.update(Organisation, { id: actor.organisationId }, { ...fields, updatedAt: () => 'now()' });
        await this.audit.record(manager, actor, { action: 'organisation.updated', entityType: 'organisation', entityId: actor.organisationId, details: { fields: Object.keys(fields) } });
      }
      return manager.findOneByOrFail(Organisation, { id: actor.organisationId });
    });
  }
}
