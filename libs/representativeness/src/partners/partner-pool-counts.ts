import { EntityManager } from 'typeorm';
import { PoolColumn, POOL_COLUMN_SQL } from '../gaps/analysis-dimensions';
import { PopulationFilter } from '../gaps/pool-counts';

/** A population's counts per referral partner ('' for no partner): its size, and per column and value. */
export interface PartnerPoolCounts {
  sizes: Map<string, number>;
  single: Map<string, Map<PoolColumn, Map<string, number>>>;
}

const NOT_RECORDED = 'Not recorded';
export const NO_PARTNER = '';

/**
 * One statement with GROUPING SETS counts the population for every (partner, column) at once. Each
 * person belongs to the partner of their first application in scope (as the funnel registers them
 * by it), so the partners' counts add up to the whole pool's and the pool's own figures need no
 * second pass.
 */
export async function countPoolByPartner(manager: EntityManager, organisationId: string, filter: PopulationFilter, referenceDate: string, columns: PoolColumn[]): Promise<PartnerPoolCounts> {
  const params: unknown[] = [organisationId, referenceDate];
  const where = ['a.organisation_id = $1', '$2::date IS NOT NULL'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (filter.intakeId) add('a.intake_id = ?', filter.intakeId);
  if (filter.programmeId) add('a.intake_id IN (SELECT id FROM intakes WHERE organisation_id = $1 AND programme_id = ?)', filter.programmeId);
  if (filter.stages?.length) add('a.stage = ANY(?)', filter.stages);
  if (filter.partnerId === 'none') where.push('a.partner_id IS NULL');
  else if (filter.partnerId) add('a.partner_id = ?', filter.partnerId);
  const personFilter = filter.localityId ? `AND p.locality_id = $${params.push(filter.localityId)}` : '';

  const expressions = columns.map((c) => POOL_COLUMN_SQL[c]);
  const sets = [...expressions.map((e) => `(ap.partner_id, ${e})`), '(ap.partner_id)'];
  await manager.query(`SELECT set_config('work_mem', '32MB', true)`);
  const rows: Array<Record<string, string | number | null>> = await manager.query(
    `WITH ap AS MATERIALIZED (
       SELECT DISTINCT ON (a.person_id) a.person_id, a.partner_id FROM applications a WHERE ${where.join(' AND ')} ORDER BY a.person_id, a.applied_at, a.id)
     SELECT ap.partner_id::text AS partner, ${columns.map((c, i) => `${expressions[i]} AS "${c}", grouping(${expressions[i]}) AS "g_${c}"`).join(', ')}, count(*)::int AS count
       FROM ap
       JOIN people p ON p.organisation_id = $1 AND p.id = ap.person_id ${personFilter}
       LEFT JOIN demographic_profiles d ON d.organisation_id = p.organisation_id AND d.person_id = p.id
      GROUP BY GROUPING SETS (${sets.join(', ')})`,
    params,
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
