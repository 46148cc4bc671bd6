import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { PoolColumn } from '../gaps/analysis-dimensions';
import { namedColumnSql, populationConditions } from '../gaps/population-conditions';
import { PopulationFilter } from '../gaps/pool-counts';

/** A population's counts per referral partner ('' for no partner): its size, and per column and value. */
export interface PartnerPoolCounts {
  sizes: Map<string, number>;
  single: Map<string, Map<PoolColumn, Map<string, number>>>;
}

const NOT_RECORDED = 'Not recorded';
export const NO_PARTNER = '';

/**
 * A population's counts by partner. A whole intake (the usual question, and the one issue 14 times
 * over 100,000 applicants) is read from intake_pool_counts, which the database keeps per intake,
 * partner and value as applications, people and equality answers change; any narrower population
 * (a programme, some stages, a locality, one partner) is counted live.
 */
export function countPoolByPartner(manager: EntityManager, organisationId: string, filter: PopulationFilter, referenceDate: string, columns: PoolColumn[]): Promise<PartnerPoolCounts> {
  const { intakeId, ...narrower } = filter;
  const whole = intakeId && Object.values(narrower).every((v) => v == null || (Array.isArray(v) && v.length === 0));
  return whole ? readIntakeCounts(manager, organisationId, intakeId, referenceDate, columns) : countLive(manager, organisationId, filter, referenceDate, columns);
}

/** Where each pool column's values are kept in intake_pool_counts: an age comes from a date of birth, or else an age group. */
const KEPT_AS: Record<PoolColumn, string[]> = {
  sex: ['sex'],
  ethnicity: ['ethnicity'],
  disability: ['disability'],
  religion: ['religion'],
  english_proficiency: ['english_proficiency'],
  locality: ['locality'],
  age: ['date_of_birth', 'age_band'],
};

/**
 * The kept counts of a whole intake: a few rows per partner and value, and one per date of birth,
 * turned into an age on the reference date here (as the live count's age() does), so the answer is
 * the live count's to the person.
 */
async function readIntakeCounts(manager: EntityManager, organisationId: string, intakeId: string, referenceDate: string, columns: PoolColumn[]): Promise<PartnerPoolCounts> {
  const dimensions = ['size', ...columns.flatMap((c) => KEPT_AS[c])];
  const rows: Array<{ partner: string; dimension: string; value: string | null; count: number }> = await manager.query(
    `SELECT partner_key AS partner, dimension,
            CASE WHEN dimension = 'date_of_birth' THEN date_part('year', age($3::date, value::date))::int::text WHEN recorded THEN value END AS value,
            sum(people)::int AS count
       FROM intake_pool_counts
      WHERE organisation_id = $1 AND intake_id = $2 AND dimension = ANY($4)
      GROUP BY 1, 2, 3`,
    [organisationId, intakeId, referenceDate, dimensions],
  );
  const result: PartnerPoolCounts = { sizes: new Map(), single: new Map() };
  for (const row of rows) {
    const count = Number(row.count);
    if (row.dimension === 'size') {
      result.sizes.set(row.partner, count);
      continue;
    }
    const column = row.dimension === 'date_of_birth' || row.dimension === 'age_band' ? 'age' : (row.dimension as PoolColumn);
    if (!result.single.has(row.partner)) result.single.set(row.partner, new Map(columns.map((c) => [c, new Map()])));
    const values = result.single.get(row.partner)!.get(column)!;
    const value = row.value ?? NOT_RECORDED;
    // Ages from dates of birth and age groups arrive as rows of two kept dimensions for the one column.
    values.set(value, (values.get(value) ?? 0) + count);
  }
  return result;
}

/**
 * One statement with GROUPING SETS counts the population for every (partner, column) at once. Each
 * person belongs to the partner of their first application in scope (as the funnel registers them
 * by it), so the partners' counts add up to the whole pool's and the pool's own figures need no
 * second pass.
 */
async function countLive(manager: EntityManager, organisationId: string, filter: PopulationFilter, referenceDate: string, columns: PoolColumn[]): Promise<PartnerPoolCounts> {
  const { applications, people } = populationConditions(organisationId, referenceDate, filter);
  const expressions = columns.map(namedColumnSql);
  const sets = [...expressions.map((e) => `(ap.partner_id, ${e})`), '(ap.partner_id)'];
  await manager.query(`SELECT set_config('work_mem', '32MB', true)`);
  const rows: Array<Record<string, string | number | null>> = await queryNamed(
    manager,
    `WITH ap AS MATERIALIZED (
       SELECT DISTINCT ON (a.person_id) a.person_id, a.partner_id FROM applications a WHERE ${applications.sql} ORDER BY a.person_id, a.applied_at, a.id)
     SELECT ap.partner_id::text AS partner, ${columns.map((c, i) => `${expressions[i]} AS "${c}", grouping(${expressions[i]}) AS "g_${c}"`).join(', ')}, count(*)::int AS count
       FROM ap
       JOIN people p ON p.id = ap.person_id AND ${people.sql}
       LEFT JOIN demographic_profiles d ON d.organisation_id = p.organisation_id AND d.person_id = p.id
      GROUP BY GROUPING SETS (${sets.join(', ')})`,
    { ...applications.params, ...people.params },
  );

  const result: PartnerPoolCounts = { sizes: new Map(), single: new Map() };
  for (const row of rows) {
    const partner = row.partner === null ? NO_PARTNER : String(row.partner);
    const count = Number(row.count);
    const grouped = columns.find((c) => Number(row[`g_${c}`]) === 0);
    if (!grouped) {
      result.sizes.set(partner, count);
      continue;
    }
    if (!result.single.has(partner)) result.single.set(partner, new Map(columns.map((c) => [c, new Map()])));
    result.single
      .get(partner)!
      .get(grouped)!
      .set(row[grouped] === null ? NOT_RECORDED : String(row[grouped]), count);
  }
  return result;
}
