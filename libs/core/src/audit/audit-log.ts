import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, RequestTrace } from '../auth/actor';
import { Page } from '../pagination/page';
import { Tenancy } from '../tenancy/tenancy';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * The append-only record of who did what. Write with the same manager as the action, so the entry
 * commits (or rolls back) with it.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly tenancy: Tenancy) {}

  async record(manager: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    await this.insert(manager, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      requestId: actor.requestId,
      ip: actor.ip ?? null,
      ...entry,
    });
  }

  /** Before anyone is authenticated: a login, a refusal, an invitation accepted. */
  async recordUnauthenticated(trace: RequestTrace, organisationId: string | null, userId: string | null, entry: AuditRecord, manager?: EntityManager): Promise<void> {
    const row = { organisationId, actorUserId: userId, requestId: trace.requestId, ip: trace.ip ?? null, ...entry };
    if (manager) return this.insert(manager, row);
    await this.tenancy.runScoped({ organisationId: organisationId ?? undefined }, (m) => this.insert(m, row));
  }

  private async insert(manager: EntityManager, row: Partial<AuditEntry> & AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (organisation_id, actor_user_id, action, entity_type, entity_id, request_id, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.organisationId ?? null, row.actorUserId ?? null, row.action, row.entityType ?? null, row.entityId ?? null, row.requestId ?? null, row.ip ?? null, row.details ?? {}],
    );
  }

  list(organisationId: string, filter: AuditFilter): Promise<Page<AuditEntry>> {
    return this.tenancy.run(organisationId, async (manager) => {
      const query = manager
        .createQueryBuilder(AuditEntry, 'a')
        .where('a.organisation_id = :organisationId', { organisationId })
        .orderBy('a.occurred_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .skip((filter.page - 1) * filter.pageSize)
        .take(filter.pageSize);
      if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
      if (filter.actorUserId) query.andWhere('a.actor_user_id = :actor', { actor: filter.actorUserId });
      if (filter.entityType) query.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
      if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
      if (filter.from) query.andWhere('a.occurred_at >= :from', { from: filter.from });
      if (filter.to) query.andWhere('a.occurred_at < :to', { to: filter.to });
      const [items, total] = await query.getManyAndCount();
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    });
  }
}
