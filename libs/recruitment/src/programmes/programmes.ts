import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { CensusDatasets } from '@steppingstone/areas';
import { Programme, ProgrammeKind } from '../entities/programme.entity';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';

export interface ProgrammeInput {
  name: string;
  kind: ProgrammeKind;
  description?: string;
  eligibilityNotes?: string;
}

@Injectable()
export class Programmes {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly censusDatasets: CensusDatasets,
  ) {}

  create(actor: Actor, input: ProgrammeInput): Promise<Programme> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const id = randomUUID();
      await manager.insert(Programme, {
        organisationId: actor.organisationId,
        id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? '',
        eligibilityNotes: input.eligibilityNotes ?? '',
      });
      await this.audit.record(manager, actor, { action: 'programme.created', entityType: 'programme', entityId: id });
      return this.find(manager, actor.organisationId, id);
    });
  }

  list(actor: Actor, options: { includeArchived?: boolean } = {}): Promise<Programme[]> {
    return this.tenancy.run(actor.organisationId, (manager) =>
      manager.find(Programme, { where: { organisationId: actor.organisationId, ...(options.includeArchived ? {} : { archivedAt: IsNull() }) }, order: { name: 'ASC', id: 'ASC' } }),
    );
  }

  get(actor: Actor, id: string): Promise<Programme> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  update(actor: Actor, id: string, changes: Partial<ProgrammeInput> & { archived?: boolean }): Promise<Programme> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, id);
      const { archived, ...fields } = changes;
      await manager.update(
        Programme,
        { organisationId: actor.organisationId, id },
        { ...fields, ...(archived === undefined ? {} : { archivedAt: archived ? () => 'now()' : null }), updatedAt: () => 'now()' },
      );
      await this.audit.record(manager, actor, { action: 'programme.updated', entityType: 'programme', entityId: id, details: { fields: Object.keys(changes) } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  /** The coordinator chooses which census dataset (and version) the programme compares against. */
  chooseCensusDataset(actor: Actor, id: string, datasetId: string | null): Promise<Programme> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, id);
      if (datasetId) await this.censusDatasets.find(manager, actor.organisationId, datasetId, false, 'datasetId');
      await manager.update(Programme, { organisationId: actor.organisationId, id }, { censusDatasetId: datasetId, updatedAt: () => 'now()' });
      await this.audit.record(manager, actor, { action: 'programme.census-dataset-chosen', entityType: 'programme', entityId: id, details: { datasetId } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, field?: string): Promise<Programme> {
    const programme = await manager.findOneBy(Programme, { organisationId, id });
    if (!programme) throw new RecruitmentError(Code.ProgrammeNotFound, 'Programme not found', field ? [{ field, rule: 'exists', message: `${field} must be a programme of this organisation` }] : []);
    return programme;
  }
}
