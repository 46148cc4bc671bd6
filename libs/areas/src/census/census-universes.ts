/**
 * Which population each census table counts. Tables of the same population must add up to about the
 * same total in an area; ONS perturbs every cell a little, so they never agree exactly.
 */
const UNIVERSES: Record<string, string> = {
  ethnicity: 'all usual residents',
  ethnicity_broad: 'all usual residents',
  age: 'all usual residents',
  sex: 'all usual residents',
  disability: 'all usual residents',
  disability_broad: 'all usual residents',
  religion: 'all usual residents',
  population: 'all usual residents',
  age_18plus: 'usual residents aged 18 and over',
  english_proficiency: 'usual residents aged 3 and over',
};

/** Tables of a population nobody declared are compared with nothing but themselves. */
export function universeOf(dimension: string): string {
  return UNIVERSES[dimension] ?? `the ${dimension} table's own population`;
}

/** Perturbation moves a total by a few dozen people at most (see the census SOURCES.md). */
export function totalsAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(50, 0.001 * Math.max(a, b));
}

/** The population_totals file names each topic's total in its dimension column; we keep them apart. */
export const TOTALS_DIMENSION = 'population_totals';
