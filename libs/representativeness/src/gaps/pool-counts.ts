import { EntityManager } from 'typeorm';
import { PoolColumn, POOL_COLUMN_SQL } from './analysis-dimensions';

/** Which applicants make up the population being analysed. */
export interface PopulationFilter {
  programmeId?: string;
  intakeId?: string;
  stages?: string[];
  localityId?: string;
  /** Only applicants a referral partner brought ("none": those who came without one). */
  partnerId?: string;
}

/** Counts of the population by each column, and by each requested pair of columns. */
export interface PoolCounts {
  size: number;
  single: Map<PoolColumn, Map<string, number>>;
  pairs: Map<string, Array<{ row: string; column: string; count: number }>>;
}

export const pairKey = (a: PoolColumn, b: PoolColumn) => `${a}|${b}`;
const NOT_RECORDED = 'Not recorded';

/**
 * One SQL statement with GROUPING SETS counts the population for every column and pair at once,
 * so a pool of 100,000 people never travels to Node: only a few hundred counts do.
 */
export async function countPool(
  manager: EntityManager,
  organisationId: string,
  filter: PopulationFilter,
  referenceDate: string,
  columns: PoolColumn[],
  pairs: Array<[PoolColumn, PoolColumn]>,
): Promise<PoolCounts> {
  const params: unknown[] = [organisationId, referenceDate];
  // $2 (the date ages are taken on) is typed here, so the statement prepares whether or not age is counted.
  const where = ['a.organisation_id = $1', 'a.person_id = p.id', '$2::date IS NOT NULL'];
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

  const used = [...new Set([...columns, ...pairs.flat()])];
  const expressions = used.map((c) => POOL_COLUMN_SQL[c]);
  const sets = [...columns.map((c) => `(${POOL_COLUMN_SQL[c]})`), ...pairs.map(([a, b]) => `(${POOL_COLUMN_SQL[a]}, ${POOL_COLUMN_SQL[b]})`), '()'];
  // Enough memory to hash every grouping set rather than sort 100,000 rows to disk; local to this transaction.
  await manager.query(`SELECT set_config('work_mem', '32MB', true)`);
  // A person counts once however many applications match: a semi-join, not a DISTINCT over applications.
  const rows: Array<Record<string, string | number | null>> = await manager.query(
    `SELECT ${used.map((c, i) => `${expressions[i]} AS "${c}", grouping(${expressions[i]}) AS "g_${c}"`).join(', ')}, count(*)::int AS count
       FROM people p
       LEFT JOIN demographic_profiles d ON d.organisation_id = p.organisation_id AND d.person_id = p.id
      WHERE p.organisation_id = $1 ${personFilter} AND EXISTS (SELECT 1 FROM applications a WHERE ${where.join(' AND ')})
      GROUP BY GROUPING SETS (${sets.join(', ')})`,
    params,
  );

  const result: PoolCounts = { size: 0, single: new Map(columns.map((c) => [c, new Map()])), pairs: new Map(pairs.map(([a, b]) => [pairKey(a, b), []])) };
  for (const row of rows) {
    const grouped = used.filter((c) => Number(row[`g_${c}`]) === 0);
    const value = (c: PoolColumn) => (row[c] === null ? NOT_RECORDED : String(row[c]));
    const count = Number(row.count);
    if (grouped.length === 0) result.size = count;
    else if (grouped.length === 1) result.single.get(grouped[0])?.set(value(grouped[0]), count);
    else {
      for (const [a, b] of pairs) {
        if (grouped.length === 2 && grouped.includes(a) && grouped.includes(b)) result.pairs.get(pairKey(a, b))!.push({ row: value(a), column: value(b), count });
      }
    }
  }
  return result;
}
