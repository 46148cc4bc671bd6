import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { localityRecordSql } from '@steppingstone/areas';
import { Actor, AuditLog, Conditions, escapeLike, NamedParams, Page, queryNamed, Tenancy } from '@steppingstone/core';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';
import { requireRow } from './references';

export interface HostDetails {
  name: string;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  localityId?: string | null;
  notes?: string | null;
}

export interface HostOrganisation extends Required<HostDetails> {
  id: string;
  localityName: string | null;
  opportunities: number;
  activePlacements: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS: Record<keyof HostDetails, string> = {
  name: 'name',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  address: 'address',
  localityId: 'locality_id',
  notes: 'notes',
};

const SELECT = `
  SELECT h.id, h.name, h.contact_name AS "contactName", h.contact_email AS "contactEmail", h.contact_phone AS "contactPhone",
         h.address, h.locality_id AS "localityId", l.name AS "localityName", h.notes, h.created_at AS "createdAt", h.updated_at AS "updatedAt",
         (SELECT count(*)::int FROM placement_opportunities o WHERE o.organisation_id = h.organisation_id AND o.host_id = h.id) AS opportunities,
         (SELECT count(*)::int FROM placements p WHERE p.organisation_id = h.organisation_id AND p.host_id = h.id AND p.status IN ('active', 'paused')) AS "activePlacements"
    FROM host_organisations h
    LEFT JOIN LATERAL (${localityRecordSql('h.organisation_id', 'h.locality_id')}) l ON true`;

/** The given fields' values, named as the fields. */
function fieldParams(fields: Array<keyof HostDetails>, values: Partial<HostDetails>): NamedParams {
  return Object.fromEntries(fields.map((f) => [f, values[f]]));
}

/** Partners that take people on placement: their details, contacts and the notes coordinators keep. */
@Injectable()
export class HostOrganisations {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  create(actor: Actor, details: HostDetails): Promise<HostOrganisation> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.check(manager, actor.organisationId, details);
      const id = randomUUID();
      const fields = Object.keys(COLUMNS).filter((k) => details[k as keyof HostDetails] !== undefined) as Array<keyof HostDetails>;
      await queryNamed(manager, `INSERT INTO host_organisations (organisation_id, id, ${fields.map((f) => COLUMNS[f]).join(', ')}) VALUES (:org, :id, ${fields.map((f) => `:${f}`).join(', ')})`, {
        ...fieldParams(fields, details),
        org: actor.organisationId,
        id,
      });
      await this.audit.record(manager, actor, { action: 'host-organisation.created', entityType: 'host-organisation', entityId: id, details: { name: details.name } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  update(actor: Actor, id: string, changes: Partial<HostDetails>): Promise<HostOrganisation> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, id);
      await this.check(manager, actor.organisationId, changes, id);
      const fields = Object.keys(COLUMNS).filter((k) => changes[k as keyof HostDetails] !== undefined) as Array<keyof HostDetails>;
      if (fields.length) {
        await queryNamed(manager, `UPDATE host_organisations SET ${fields.map((f) => `${COLUMNS[f]} = :${f}`).join(', ')}, updated_at = now() WHERE organisation_id = :org AND id = :id`, {
          ...fieldParams(fields, changes),
          org: actor.organisationId,
          id,
        });
        await this.audit.record(manager, actor, { action: 'host-organisation.updated', entityType: 'host-organisation', entityId: id, details: { fields } });
      }
      return this.find(manager, actor.organisationId, id);
    });
  }

  get(actor: Actor, id: string): Promise<HostOrganisation> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  list(actor: Actor, filter: { q?: string; localityId?: string; page: number; pageSize: number }): Promise<Page<HostOrganisation>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const where = new Conditions('h.organisation_id = :org', { org: actor.organisationId });
      if (filter.q) where.and('h.name ILIKE :name', { name: `%${escapeLike(filter.q)}%` });
      if (filter.localityId) where.and('h.locality_id = :localityId', { localityId: filter.localityId });
      const [{ total }]: Array<{ total: number }> = await queryNamed(manager, `SELECT count(*)::int AS total FROM host_organisations h WHERE ${where.sql}`, where.params);
      const items: HostOrganisation[] = await queryNamed(manager, `${SELECT} WHERE ${where.sql} ORDER BY lower(h.name), h.id LIMIT :limit OFFSET :offset`, {
        ...where.params,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string): Promise<HostOrganisation> {
    const [host]: HostOrganisation[] = await manager.query(`${SELECT} WHERE h.organisation_id = $1 AND h.id = $2`, [organisationId, id]);
    if (!host) throw new PlacementsError(Code.HostNotFound, 'Host organisation not found');
    return host;
  }

  private async check(manager: EntityManager, organisationId: string, details: Partial<HostDetails>, id?: string): Promise<void> {
    if (details.localityId) await requireRow(manager, organisationId, 'locality', details.localityId, 'localityId');
    if (details.name === undefined) return;
    const taken: unknown[] = await manager.query(`SELECT 1 FROM host_organisations WHERE organisation_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid`, [
      organisationId,
      details.name,
      id ?? null,
    ]);
    if (taken.length)
      throw new PlacementsError(Code.HostNameTaken, `A host organisation called ${details.name} already exists`, [
        { field: 'name', rule: 'unique', message: 'name is already used by another host organisation' },
      ]);
  }
}
