import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, addDays, NamedParams, queryNamed, Tenancy } from '@steppingstone/core';
import { localityRecordSql } from '@steppingstone/areas';
import { personRecordSql } from '@steppingstone/people';
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

/** Dimensions the database's monthly rollup (activity_monthly_totals) keeps; totals by these alone read it. */
const ROLLED_UP: readonly TotalDimension[] = ['month', 'person', 'locality'];

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const firstOfNextMonth = (day: string) => isoDay(new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1)));
const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * The range split into the whole months the rollup answers for (`[fullFrom, fullTo)`, either end
 * open when the range is) and the days at either end that only the entries can.
 */
function wholeMonths(from?: string, to?: string): { fullFrom?: string; fullTo?: string; edges: Array<[string | undefined, string | undefined]> } | undefined {
  const fullFrom = from && (from.endsWith('-01') ? from : firstOfNextMonth(from));
  const fullTo = to && (firstOfNextMonth(to) === addDays(to, 1) ? firstOfNextMonth(to) : firstOfMonth(to));
  if (fullFrom && fullTo && fullFrom >= fullTo) return undefined;
  const edges: Array<[string | undefined, string | undefined]> = [];
  if (from && fullFrom && from < fullFrom) edges.push([from, fullFrom]);
  if (to && fullTo && fullTo <= to) edges.push([fullTo, addDays(to, 1)]);
  return { fullFrom, fullTo, edges };
}

/**
 * Rows of (month, person, locality, entries, minutes, people reached) covering the query: whole
 * months from the rollup, the days of partial months from the entries. Undefined when the query
 * needs a dimension the rollup does not keep, or covers no whole month.
 */
function rolledUpSource(query: ActivityTotalsQuery, by: TotalDimension[], status: 'approved' | 'all', params: NamedParams): string | undefined {
  if (!by.every((d) => ROLLED_UP.includes(d))) return undefined;
  const split = wholeMonths(query.from, query.to);
  if (!split) return undefined;
  const approved = status === 'approved' ? ` AND status = 'approved'` : '';
  const rollup = [`organisation_id = :org${approved}`];
  if (split.fullFrom) {
    rollup.push(`month >= :fullFrom::date`);
    params.fullFrom = split.fullFrom;
  }
  if (split.fullTo) {
    rollup.push(`month < :fullTo::date`);
    params.fullTo = split.fullTo;
  }
  const parts = [`SELECT month, person_id, locality_id, entries, minutes, people_reached FROM activity_monthly_totals WHERE ${rollup.join(' AND ')}`];
  split.edges.forEach(([start, end], i) => {
    Object.assign(params, { [`edgeStart${i}`]: start, [`edgeEnd${i}`]: end });
    parts.push(
      `SELECT date_trunc('month', occurred_on)::date, person_id, locality_id, 1, minutes, coalesce(people_reached, 0) FROM activity_entries
        WHERE organisation_id = :org${approved} AND occurred_on >= :edgeStart${i}::date AND occurred_on < :edgeEnd${i}::date`,
    );
  });
  return parts.join(' UNION ALL ');
}

export async function activityTotals(manager: EntityManager, org: string, query: ActivityTotalsQuery): Promise<ActivityTotals> {
  const by = [...new Set(query.by)];
  const status = query.status ?? 'approved';
  const params: NamedParams = { org };
  const rolled = rolledUpSource(query, by, status, params);
  let source: string;
  let measures: string;
  let people: string;
  if (rolled) {
    // The same aggregates over pre-summed rows: entries and sums add up, people are still counted once each.
    source = `(SELECT month AS occurred_on, person_id, locality_id, entries, minutes, people_reached FROM (${rolled}) r(month, person_id, locality_id, entries, minutes, people_reached)) a`;
    measures = `sum(a.entries)::int AS entries, sum(a.minutes)::bigint AS minutes, coalesce(sum(a.people_reached), 0)::bigint AS "peopleReached"`;
    people = `coalesce(sum(a.entries), 0)::int AS entries, coalesce(sum(a.minutes), 0)::bigint AS minutes, coalesce(sum(a.people_reached), 0)::bigint AS "peopleReached", count(DISTINCT a.person_id)::int AS people`;
  } else {
    const where = ['a.organisation_id = :org'];
    if (status === 'approved') where.push(`a.status = 'approved'`);
    if (query.from) {
      where.push(`a.occurred_on >= :from::date`);
      params.from = query.from;
    }
    if (query.to) {
      where.push(`a.occurred_on <= :to::date`);
      params.to = query.to;
    }
    source = `(SELECT * FROM activity_entries a WHERE ${where.join(' AND ')}) a`;
    measures = `count(*)::int AS entries, sum(a.minutes)::bigint AS minutes, coalesce(sum(a.people_reached), 0)::bigint AS "peopleReached"`;
    people = `count(*)::int AS entries, coalesce(sum(a.minutes), 0)::bigint AS minutes, coalesce(sum(a.people_reached), 0)::bigint AS "peopleReached", count(DISTINCT a.person_id)::int AS people`;
  }
  const groups = by.map((d) => GROUP[d]);
  const grouped = groups.length
    ? `SELECT ${groups.map((g) => g.select).join(', ')}, ${measures} FROM ${source} GROUP BY ${groups.map((g) => g.group).join(', ')} ORDER BY ${groups.map((g) => g.order).join(', ')}`
    : `SELECT ${measures} FROM ${source}`;
  const named = `
    SELECT t.*${by.includes('person') ? `, p.display_name AS "personName"` : ''}${by.includes('locality') ? `, l.name AS "localityName"` : ''}
      FROM (${grouped}) t
      ${by.includes('person') ? `JOIN LATERAL (${personRecordSql(':org', 't."personId"')}) p ON true` : ''}
      ${by.includes('locality') ? `LEFT JOIN LATERAL (${localityRecordSql(':org', 't."localityId"')}) l ON true` : ''}`;
  const rows: Array<ActivityTotalRow & { entries: string | number; minutes: string | number; peopleReached: string | number }> = await queryNamed(manager, named, params);
  const [overall]: Array<{ entries: number; minutes: string; peopleReached: string; people: number }> = await queryNamed(manager, `SELECT ${people} FROM ${source}`, params);
  const settings = await fieldSettings(manager, org);
  const totalMinutes = Number(overall.minutes);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    by,
    status,
    rows: rows.map((r) => ({ ...r, entries: Number(r.entries), minutes: Number(r.minutes), hours: hours(Number(r.minutes)), peopleReached: Number(r.peopleReached) })),
    total: { entries: overall.entries, minutes: totalMinutes, hours: hours(totalMinutes), peopleReached: Number(overall.peopleReached), people: overall.people },
    socialValuePence: settings.socialValueHourlyPence ? Math.round((totalMinutes * settings.socialValueHourlyPence) / 60) : null,
    socialValueHourlyPence: settings.socialValueHourlyPence,
  };
}
