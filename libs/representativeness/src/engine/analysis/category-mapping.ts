/*
 * Counts per category arrive in whatever shape the caller has (SQL aggregate rows, a record, a
 * map); everything inside the engine works on a Map. A mapping between levels is a function from a
 * finer category to a coarser one, so a pool recorded in detail compares with census figures at
 * any level.
 */
import { isUndisclosed } from '@steppingstone/areas/engine';

export interface CategoryCount {
  category: string;
  count: number;
}

export type CategoryCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>> | readonly CategoryCount[];

export function toCountMap(counts: CategoryCounts): Map<string, number> {
  const result = new Map<string, number>();
  const add = (category: string, count: number) => {
    if (!Number.isFinite(count) || count < 0) throw new Error(`The count for "${category}" must be a non-negative number (got ${count})`);
    result.set(category, (result.get(category) ?? 0) + count);
  };
  if (counts instanceof Map) for (const [category, count] of counts) add(category, count);
  else if (Array.isArray(counts)) for (const row of counts as readonly CategoryCount[]) add(row.category, Number(row.count));
  else for (const [category, count] of Object.entries(counts as Record<string, number>)) add(category, count);
  return result;
}

/** A mapping from a finer category to a coarser one; undefined drops the category. */
export type CategoryMapping = (category: string) => string | undefined;

/**
 * Rolls counts up to a coarser level. Undisclosed groups pass through unchanged; a category the
 * mapping does not know is an error rather than silently lost, unless `dropUnknown` is set.
 */
export function mapCounts(counts: CategoryCounts, mapping: CategoryMapping, options: { dropUnknown?: boolean } = {}): Map<string, number> {
  const result = new Map<string, number>();
  for (const [category, count] of toCountMap(counts)) {
    const target = isUndisclosed(category) ? category : mapping(category);
    if (target === undefined) {
      if (options.dropUnknown) continue;
      throw new Error(`"${category}" has no mapping to the coarser level`);
    }
    result.set(target, (result.get(target) ?? 0) + count);
  }
  return result;
}

/** A mapping given as a table (e.g. read from configuration) instead of a function. */
export function mappingFromTable(table: Readonly<Record<string, string>>): CategoryMapping {
  return (category) => table[category];
}

/** Maps each person's value and counts them; missing values count as "Not recorded". */
export function countValues(values: Iterable<string | null | undefined>, mapping?: CategoryMapping): Map<string, number> {
  const result = new Map<string, number>();
  for (const value of values) {
    const raw = value === null || value === undefined || value.trim() === '' ? 'Not recorded' : value;
    const category = mapping && !isUndisclosed(raw) ? (mapping(raw) ?? raw) : raw;
    result.set(category, (result.get(category) ?? 0) + 1);
  }
  return result;
}
