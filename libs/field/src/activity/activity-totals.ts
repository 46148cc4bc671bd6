import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Tenancy } from '@steppingstone/core';
import { fieldSettings } from '../settings/field-settings';

export const TOTAL_DIMENSIONS = ['person', 'placement', 'locality', 'month', 'kind'] as const;
export type TotalDimension = (typeof TOTAL_DIMENSIONS)[number];

export interface ActivityTotalsQuery {
  from?: string;
  to?: string;
  /** What to total by, in order; none gives one overall row. */
  by: TotalDimension[];
  /** Approved entries only (the default), or every entry whatever its status. */
  status?: 'approved' | 'all';
}

export interface ActivityTotalRow {
  month?: string;
  personId?: string;
  personName?: string;
  placementId?: string | null;
  localityId?: string | null;
  localityName?: string | null;
  kind?: string;
  entries: number;
  minutes: number;
  hours: number;
  peopleReached: number;
}

export interface ActivityTotals {
  from: string | null;
  to: string | null;
  by: TotalDimension[];
  status: 'approved' | 'all';
  rows: ActivityTotalRow[];
  total: { entries: number; minutes: number; hours: number; peopleReached: number; people: number };
  /** Hours × the organisation's hourly rate, in pence; null when no rate is set. */
  socialValuePence: number | null;
  socialValueHourlyPence: number;
}

const GROUP: Record<TotalDimension, { select: string; group: string; order: string }> = {
  month: { select: `to_char(date_trunc('month', a.occurred_on), 'YYYY-MM') AS month`, group: `date_trunc('month', a.occurred_on)`, order: `date_trunc('month', a.occurred_on)` },
  person: { select: `a.person_id AS "personId"`, group: 'a.person_id', order: 'a.person_id' },
  placement: { select: `a.placement_id AS "placementId"`, group: 'a.placement_id', order: 'a.placement_id' },
  locality: { select: `a.locality_id AS "localityId"`, group: 'a.locality_id', order: 'a.locality_id' },
  kind: { select: `a.kind`, group: 'a.kind', order: 'a.kind' },
};

/** Hours to two places from minutes, as reports show them. */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * Totals of logged activity by person, placement, locality, month or kind, as SQL aggregates over
 * the entries (by default approved ones), with people reached and the social-value figure at the
 * organisation's hourly rate. Names are joined after aggregating, so the totals stay one scan.
 */
@Injectable()
export class ActivityTotalsReport {
  constructor(private readonly tenancy: Tenancy) {}

  totals(actor: Actor, query: ActivityTotalsQuery): Promise<ActivityTotals> {
    return this.tenancy.run(actor.organisationId, (manager) => activityTotals(manager, actor.organisationId, query));
  }
}

export async function activityTotals(manager: EntityManager, org: string, query: ActivityTotalsQuery): Promise<ActivityTotals> {
  const by = [...new Set(query.by)];
  const status = query.status ?? 'approved';
  const params: unknown[] = [org];
  const where = ['a.organisation_id = $1'];
  if (status === 'approved') where.push(`a.status = 'approved'`);
  if (query.from) where.push(`a.occurred_on >= $${params.push(query.from)}::date`);
  if (query.to) where.push(`a.occurred_on <= $${params.push(query.to)}::date`);
  const groups = by.map((d) => GROUP[d]);
  const measures = `count(*)::int AS entries, sum(a.minutes)::bigint AS minutes, coalesce(sum(a.people_reached), 0)::bigint AS "peopleReached"`;
  const grouped = groups.length
    ? `SELECT ${groups.map((g) => g.select).join(', ')}, ${measures} FROM activity_entries a WHERE ${where.join(' AND ')} GROUP BY ${groups.map((g) => g.group).join(', ')} ORDER BY ${groups.map((g) => g.order).join(', ')}`
    : `SELECT ${measures} FROM activity_entries a WHERE ${where.join(' AND ')}`;
  const named = `
    SELECT t.*${by.includes('person') ? `, coalesce(p.preferred_name, p.name) AS "personName"` : ''}${by.includes('locality') ? `, l.name AS "localityName"` : ''}
      FROM (${grouped}) t
      ${by.includes('person') ? `JOIN people p ON p.organisation_id = $1 AND p.id = t."personId"` : ''}
      ${by.includes('locality') ? `LEFT JOIN localities l ON l.organisation_id = $1 AND l.id = t."localityId"` : ''}`;
  const rows: Array<ActivityTotalRow & { minutes: string | number; peopleReached: string | number }> = await manager.query(named, params);
  const [overall]: Array<{ entries: number; minutes: string; peopleReached: string; people: number }> = await manager.query(
    `SELECT count(*)::int AS entries, coalesce(sum(a.minutes), 0)::bigint AS minutes, coalesce(sum(a.people_reached), 0)::bigint AS "peopleReached", count(DISTINCT a.person_id)::int AS people
       FROM activity_entries a WHERE ${where.join(' AND ')}`,
    params,
  );
  const settings = await fieldSettings(manager, org);
  const totalMinutes = Number(overall.minutes);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    by,
    status,
    rows: rows.map((r) => ({ ...r, minutes: Number(r.minutes), hours: hours(Number(r.minutes)), peopleReached: Number(r.peopleReached) })),
    total: { entries: overall.entries, minutes: totalMinutes, hours: hours(totalMinutes), peopleReached: Number(overall.peopleReached), people: overall.people },
    socialValuePence: settings.socialValueHourlyPence ? Math.round((totalMinutes * settings.socialValueHourlyPence) / 60) : null,
    socialValueHourlyPence: settings.socialValueHourlyPence,
  };
}

