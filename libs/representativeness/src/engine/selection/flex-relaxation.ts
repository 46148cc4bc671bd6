/*
 * The Sortition Foundation's min_flex / max_flex: when no panel meets every quota, the quotas may
 * move, each within its flex and no further, by the fewest places in total. A quota without flex
 * stays where it is; households and people already selected never move.
 */
import { Highs } from './highs-runtime';
import { minimalRelaxation } from './infeasibility';
import { SelectionProblem } from './person-types';
import { Quota, QuotaRelaxation } from './types';

export function relaxWithinFlex(highs: Highs, problem: SelectionProblem, quotas: readonly Quota[]): { quotas: Quota[]; moved: QuotaRelaxation[] } | undefined {
  if (!quotas.some((q) => q.minFlex !== undefined || q.maxFlex !== undefined)) return undefined;
  const lower = problem.rows.map((row, r) => (r < quotas.length && quotas[r].minFlex !== undefined ? row.min - (quotas[r].minFlex as number) : 0));
  const raise = problem.rows.map((row, r) => (r < quotas.length && quotas[r].maxFlex !== undefined ? (quotas[r].maxFlex as number) - row.max : 0));
  const relaxation = minimalRelaxation(highs, problem, { lower, raise });
  if (!relaxation) return undefined;
  const relaxed = quotas.map((q, r) => ({ ...q, min: q.min - relaxation.lower[r], max: q.max + relaxation.raise[r] }));
  const moved = quotas
    .map((q, r) => ({ category: q.category, feature: q.feature, min: q.min, max: q.max, feasibleMin: relaxed[r].min, feasibleMax: relaxed[r].max }))
    .filter((q) => q.feasibleMin !== q.min || q.feasibleMax !== q.max);
  return { quotas: relaxed, moved };
}
