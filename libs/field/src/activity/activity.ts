import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, addDays, AuditLog, Conditions, NamedParams, organisationToday, Page, queryNamed, Tenancy } from '@steppingstone/core';
import { localityRecordSql } from '@steppingstone/areas';
import { personRecordSql } from '@steppingstone/people';
import { FieldError, FieldErrorCode as Code } from '../field.error';
import { myPersonId, PlacementOfPerson, requireLocality, requireOwnPlacement } from '../me';

export const ACTIVITY_KINDS = ['peer-contact', 'outreach-event', 'accompanied-visit', 'training', 'admin'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATUSES = ['submitted', 'approved', 'queried'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Entries are logged soon after the work; older ones go through a coordinator. */
export const ACTIVITY_BACKDATE_DAYS = 92;

export interface ActivityCommand {
  occurredOn: string;
  minutes: number;
  kind: ActivityKind;
  peopleReached?: number | null;
  localityId?: string | null;
  placementId?: string | null;
  /** What was done, in a few words, never who with: no names of the people supported. */
  note?: string | null;
}

export interface ActivityEntry {
  id: string;
  personId: string;
  personName: string;
  placementId: string | null;
  occurredOn: string;
  minutes: number;
  kind: ActivityKind;
  peopleReached: number | null;
  localityId: string | null;
  localityName: string | null;
  note: string | null;
  status: ActivityStatus;
  queryNote: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  version: number;
}

export interface ActivityFilter {
  status?: ActivityStatus;
  personId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const SELECT = `
  SELECT a.id, a.person_id AS "personId", p.display_name AS "personName", a.placement_id AS "placementId",
         to_char(a.occurred_on, 'YYYY-MM-DD') AS "occurredOn", a.minutes, a.kind, a.people_reached AS "peopleReached",
         a.locality_id AS "localityId", l.name AS "localityName", a.note, a.status, a.query_note AS "queryNote",
         a.reviewed_at AS "reviewedAt", a.created_at AS "createdAt", a.version
    FROM activity_entries a
    JOIN LATERAL (${personRecordSql('a.organisation_id', 'a.person_id')}) p ON true
    LEFT JOIN LATERAL (${localityRecordSql('a.organisation_id', 'a.locality_id')}) l ON true`;

/**
 * Activity and hours logged by peer mentors and navigators from their phones, each entry approved
 * or queried by a coordinator. A mentor reaches only their own entries, through the person linked
 * to their login.
 */
@Injectable()
export class Activity {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  /** `isPlacementOf` is placements' check that a placement the entry names is the person's. */
  log(actor: Actor, command: ActivityCommand, isPlacementOf: PlacementOfPerson): Promise<ActivityEntry> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const personId = await myPersonId(manager, actor);
      await this.refuse(manager, org, personId, command, isPlacementOf);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO activity_entries (organisation_id, id, person_id, placement_id, occurred_on, minutes, kind, people_reached, locality_id, note, logged_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          org,
          id,
          personId,
          command.placementId ?? null,
          command.occurredOn,
          command.minutes,
          command.kind,
          command.peopleReached ?? null,
          command.localityId ?? null,
          command.note ?? null,
          actor.userId,
        ],
      );
      await this.audit.record(manager, actor, { action: 'activity.logged', entityType: 'activity', entityId: id, details: { minutes: command.minutes, kind: command.kind } });
      return this.find(manager, org, id);
    });
  }

  /** The owner changes a waiting or queried entry; it goes back to the approval queue. */
  change(actor: Actor, id: string, command: ActivityCommand & { version?: number }, isPlacementOf: PlacementOfPerson): Promise<ActivityEntry> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const personId = await myPersonId(manager, actor);
      const current = await this.find(manager, org, id, 'AND a.person_id = :personId', { personId }, true);
      if (current.status === 'approved')
        throw new FieldError(Code.AlreadyReviewed, 'This entry has been approved and can no longer be changed', [{ field: 'id', rule: 'notApproved', message: 'the entry is approved' }]);
      refuseStale(current.version, command.version);
      await this.refuse(manager, org, personId, command, isPlacementOf);
      await manager.query(
        `UPDATE activity_entries SET occurred_on = $3, minutes = $4, kind = $5, people_reached = $6, locality_id = $7, placement_id = $8, note = $9,
                status = 'submitted', updated_at = now(), version = version + 1
          WHERE organisation_id = $1 AND id = $2`,
        [org, id, command.occurredOn, command.minutes, command.kind, command.peopleReached ?? null, command.localityId ?? null, command.placementId ?? null, command.note ?? null],
      );
      await this.audit.record(manager, actor, { action: 'activity.changed', entityType: 'activity', entityId: id, details: { minutes: command.minutes, kind: command.kind } });
      return this.find(manager, org, id);
    });
  }

  mine(actor: Actor, filter: Omit<ActivityFilter, 'personId'>): Promise<Page<ActivityEntry>> {
    return this.tenancy.run(actor.organisationId, async (manager) => this.page(manager, actor.organisationId, { ...filter, personId: await myPersonId(manager, actor) }));
  }

  myEntry(actor: Actor, id: string): Promise<ActivityEntry> {
    return this.tenancy.run(actor.organisationId, async (manager) => this.find(manager, actor.organisationId, id, 'AND a.person_id = :personId', { personId: await myPersonId(manager, actor) }));
  }

  list(actor: Actor, filter: ActivityFilter): Promise<Page<ActivityEntry>> {
    return this.tenancy.run(actor.organisationId, (manager) => this.page(manager, actor.organisationId, filter));
  }

  get(actor: Actor, id: string): Promise<ActivityEntry> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  /** Approve, or query with a note the mentor sees; an approved entry is settled. */
  review(actor: Actor, id: string, decision: { decision: 'approve' | 'query'; note?: string | null; version?: number }): Promise<ActivityEntry> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const current = await this.find(manager, org, id, '', {}, true);
      if (current.status === 'approved') throw new FieldError(Code.AlreadyReviewed, 'This entry is already approved', [{ field: 'id', rule: 'notApproved', message: 'the entry is approved' }]);
      refuseStale(current.version, decision.version);
      if (decision.decision === 'query' && !decision.note?.trim()) {
        throw new FieldError(Code.NoteRequired, 'Say what needs checking when querying an entry', [{ field: 'note', rule: 'required', message: 'note is required to query an entry' }]);
      }
      await manager.query(
        `UPDATE activity_entries SET status = $3, query_note = $4, reviewed_by = $5, reviewed_at = now(), updated_at = now(), version = version + 1 WHERE organisation_id = $1 AND id = $2`,
        [org, id, decision.decision === 'approve' ? 'approved' : 'queried', decision.decision === 'query' ? decision.note : null, actor.userId],
      );
      await this.audit.record(manager, actor, { action: decision.decision === 'approve' ? 'activity.approved' : 'activity.queried', entityType: 'activity', entityId: id, details: {} });
      return this.find(manager, org, id);
    });
  }

  private async page(manager: EntityManager, org: string, filter: ActivityFilter): Promise<Page<ActivityEntry>> {
    const where = new Conditions('a.organisation_id = :org', { org });
    if (filter.status) where.and('a.status = :status', { status: filter.status });
    if (filter.personId) where.and('a.person_id = :personId', { personId: filter.personId });
    if (filter.from) where.and('a.occurred_on >= :from', { from: filter.from });
    if (filter.to) where.and('a.occurred_on <= :to', { to: filter.to });
    const [{ total }]: Array<{ total: number }> = await queryNamed(manager, `SELECT count(*)::int AS total FROM activity_entries a WHERE ${where.sql}`, where.params);
    const items: ActivityEntry[] = await queryNamed(manager, `${SELECT} WHERE ${where.sql} ORDER BY a.occurred_on DESC, a.created_at DESC, a.id LIMIT :limit OFFSET :offset`, {
      ...where.params,
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  private async find(manager: EntityManager, org: string, id: string, extra = '', params: NamedParams = {}, lock = false): Promise<ActivityEntry> {
    const [row]: ActivityEntry[] = await queryNamed(manager, `${SELECT} WHERE a.organisation_id = :org AND a.id = :id ${extra} ${lock ? 'FOR UPDATE OF a' : ''}`, { ...params, org, id });
    if (!row) throw new FieldError(Code.ActivityNotFound, 'Activity entry not found');
    return row;
  }

  private async refuse(manager: EntityManager, org: string, personId: string, command: ActivityCommand, isPlacementOf: PlacementOfPerson): Promise<void> {
    const today = await organisationToday(manager, org);
    const earliest = addDays(today, -ACTIVITY_BACKDATE_DAYS);
    if (command.occurredOn > today || command.occurredOn < earliest) {
      const message = command.occurredOn > today ? 'occurredOn must not be in the future' : `occurredOn must be within the last ${ACTIVITY_BACKDATE_DAYS} days`;
      throw new FieldError(Code.InvalidDates, message, [{ field: 'occurredOn', rule: 'recent', message }]);
    }
    if (command.localityId) await requireLocality(manager, org, command.localityId, 'localityId');
    if (command.placementId) await requireOwnPlacement(manager, isPlacementOf, org, command.placementId, personId, 'placementId');
  }
}

function refuseStale(current: number, given: number | undefined): void {
  if (given !== undefined && given !== current) {
    throw new FieldError(Code.StaleVersion, `The entry has changed since you loaded it (version ${current}, not ${given}); reload it and try again`, [
      { field: 'version', rule: 'current', message: `version must be ${current}` },
    ]);
  }
}
