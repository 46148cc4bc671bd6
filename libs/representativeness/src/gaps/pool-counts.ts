import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { PoolColumn } from './analysis-dimensions';
import { APPLICATIONS, namedColumnSql, PEOPLE, populationConditions } from './population-conditions';

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
  const { applications, people } = populationConditions(organisationId, referenceDate, filter);

  const used = [...new Set([...columns, ...pairs.flat()])];
  const expressions = used.map(namedColumnSql);
  const sets = [...columns.map((c) => `(${namedColumnSql(c)})`), ...pairs.map(([a, b]) => `(${namedColumnSql(a)}, ${namedColumnSql(b)})`), '()'];
  // Enough memory to hash every grouping set rather than sort 100,000 rows to disk; local to this transaction.
  await manager.query(`SELECT set_config('work_mem', '32MB', true)`);
  // A person counts once however many applications match: a semi-join, not a DISTINCT over applications.
  const rows: Array<Record<string, string | number | null>> = await queryNamed(
    manager,
    `SELECT ${used.map((c, i) => `${expressions[i]} AS "${c}", grouping(${expressions[i]}) AS "g_${c}"`).join(', ')}, count(*)::int AS count
       FROM ${PEOPLE} pv
      WHERE ${people.sql} AND EXISTS (SELECT 1 FROM ${APPLICATIONS} a WHERE a.person_id = pv.person_id AND ${applications.sql})
      GROUP BY GROUPING SETS (${sets.join(', ')})`,
    { ...applications.params, ...people.params },
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
