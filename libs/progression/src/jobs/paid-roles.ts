import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';
import { JobView, loadJobs } from './job-view';

export interface PaidRoleDetails {
  title: string;
  description?: string;
  hoursPerWeek: number;
  /** Null or absent for a permanent post. */
  fixedTermMonths?: number | null;
  postsPerLocality: number;
}

export interface PaidRole {
  id: string;
  title: string;
  description: string;
  hoursPerWeek: number;
  fixedTermMonths: number | null;
  postsPerLocality: number;
  /** Post-holders whose contract runs today. */
  currentPostHolders: number;
  createdAt: Date;
}

const SELECT = `
  SELECT r.id, r.title, r.description, r.hours_per_week::float AS "hoursPerWeek", r.fixed_term_months AS "fixedTermMonths", r.posts_per_locality AS "postsPerLocality", r.created_at AS "createdAt",
         (SELECT count(*)::int FROM jobs j WHERE j.organisation_id = r.organisation_id AND j.paid_role_id = r.id AND j.starts_on <= current_date
             AND coalesce(j.ended_on, j.contract_ends_on, 'infinity'::date) >= current_date) AS "currentPostHolders"
    FROM paid_roles r`;

/** The programme's own paid posts (e.g. Peer Navigator: 18 months, 16 hours a week, two per locality) and who holds them. */
@Injectable()
export class PaidRoles {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  create(actor: Actor, details: PaidRoleDetails): Promise<PaidRole> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const taken: unknown[] = await manager.query(`SELECT 1 FROM paid_roles WHERE organisation_id = $1 AND lower(title) = lower($2)`, [actor.organisationId, details.title]);
      if (taken.length)
        throw new ProgressionError(Code.PaidRoleTitleTaken, `A paid role called ${details.title} already exists`, [
          { field: 'title', rule: 'unique', message: 'title is already used by another paid role' },
        ]);
      const id = randomUUID();
      await manager.query(`INSERT INTO paid_roles (organisation_id, id, title, description, hours_per_week, fixed_term_months, posts_per_locality) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        actor.organisationId,
        id,
        details.title,
        details.description ?? '',
        details.hoursPerWeek,
        details.fixedTermMonths ?? null,
        details.postsPerLocality,
      ]);
      await this.audit.record(manager, actor, { action: 'paid-role.created', entityType: 'paid-role', entityId: id, details: { title: details.title } });
      return this.find(manager, actor.organisationId, id);
    });
  }

  list(actor: Actor): Promise<PaidRole[]> {
    return this.tenancy.run(actor.organisationId, (manager) => manager.query(`${SELECT} WHERE r.organisation_id = $1 ORDER BY lower(r.title), r.id`, [actor.organisationId]));
  }

  get(actor: Actor, id: string): Promise<PaidRole> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  /** Everyone who has held the post, newest first, with contract end dates and sustainment. */
  postHolders(actor: Actor, id: string, filter: { localityId?: string }): Promise<JobView[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.find(manager, actor.organisationId, id);
      return filter.localityId
        ? loadJobs(manager, actor.organisationId, 'j.paid_role_id = :id AND j.locality_id = :localityId', { id, localityId: filter.localityId })
        : loadJobs(manager, actor.organisationId, 'j.paid_role_id = :id', { id });
    });
  }

  async find(manager: EntityManager, organisationId: string, id: string, lock = false): Promise<PaidRole> {
    if (lock) await manager.query(`SELECT 1 FROM paid_roles WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [organisationId, id]);
    const [role]: PaidRole[] = await manager.query(`${SELECT} WHERE r.organisation_id = $1 AND r.id = $2`, [organisationId, id]);
    if (!role) throw new ProgressionError(Code.PaidRoleNotFound, 'Paid role not found');
    return role;
  }
}
