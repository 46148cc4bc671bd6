import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { AreasError, AreasErrorCode as Code } from '../areas.error';
import { Locality } from './locality.entity';

export interface LocalityInput {
  name: string;
  onsCodes?: string[];
}

/** The organisation's localities. People, intakes and cohorts refer to them. */
@Injectable()
export class Localities {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  list(actor: Actor): Promise<Locality[]> {
    return this.tenancy.run(actor.organisationId, (manager) => manager.find(Locality, { where: { organisationId: actor.organisationId }, order: { name: 'ASC' } }));
  }

  create(actor: Actor, input: LocalityInput): Promise<Locality> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.assertNameFree(manager, actor.organisationId, input.name);
      const locality = manager.create(Locality, { organisationId: actor.organisationId, id: randomUUID(), name: input.name, onsCodes: input.onsCodes ?? [] });
      await manager.insert(Locality, locality);
      await this.audit.record(manager, actor, { action: 'locality.created', entityType: 'locality', entityId: locality.id });
      return manager.findOneByOrFail(Locality, { organisationId: actor.organisationId, id: locality.id });
    });
  }

  update(actor: Actor, id: string, input: Partial<LocalityInput>): Promise<Locality> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const locality = await this.find(manager, actor.organisationId, id);
      if (input.name && input.name.toLowerCase() !== locality.name.toLowerCase()) await this.assertNameFree(manager, actor.organisationId, input.name);
      const changes = { ...(input.name ? { name: input.name } : {}), ...(input.onsCodes ? { onsCodes: input.onsCodes } : {}) };
      // An empty PATCH changes nothing (TypeORM refuses an UPDATE without values) but is still answered with the locality.
      if (Object.keys(changes).length) await manager.update(Locality, { organisationId: actor.organisationId, id }, changes);
      await this.audit.record(manager, actor, { action: 'locality.updated', entityType: 'locality', entityId: id });
      return this.find(manager, actor.organisationId, id);
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string): Promise<Locality> {
    const locality = await manager.findOneBy(Locality, { organisationId, id });
    if (!locality) throw new AreasError(Code.LocalityNotFound, 'Locality not found');
    return locality;
  }

  /** Checks ids from a request all belong to this organisation; any other is "not found", named by field. */
  async assertExist(manager: EntityManager, organisationId: string, ids: string[], field: string): Promise<void> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return;
    const found = await manager.find(Locality, { select: { id: true }, where: { organisationId, id: In(wanted) } });
    const missing = wanted.filter((id) => !found.some((l) => l.id === id));
    if (missing.length) {
      throw new AreasError(Code.LocalityNotFound, `Unknown locality: ${missing.join(', ')}`, [{ field, rule: 'localityExists', message: `${field} must be one of this organisation's localities` }]);
    }
  }

  private async assertNameFree(manager: EntityManager, organisationId: string, name: string): Promise<void> {
    const taken = await manager.createQueryBuilder(Locality, 'l').where('l.organisation_id = :organisationId AND lower(l.name) = lower(:name)', { organisationId, name }).getExists();
    if (taken) throw new AreasError(Code.LocalityNameTaken, `A locality called ${name} already exists`, [{ field: 'name', rule: 'unique', message: 'name is already used by another locality' }]);
  }
}
