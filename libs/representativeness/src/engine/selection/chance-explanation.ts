/*
 * Why each chance is what it is: the quotas that bind for a person's type. A quota binds when every
 * panel the draw can give sits on the same bound of it: at its minimum, the quota holds its
 * people's chances up (fewer would be chosen without it); at its maximum, it holds them down.
 * Read from the panels actually drawn from, so the explanation is of the published lottery.
 */
import { rowCounts, SelectionProblem } from './person-types';
import { BindingQuota, ChanceExplanation, Respondent } from './types';

export function bindingQuotaRows(problem: SelectionProblem, panels: readonly Int32Array[]): Map<number, BindingQuota['bound']> {
  const atMin = new Array<boolean>(problem.quotaCount).fill(true);
  const atMax = new Array<boolean>(problem.quotaCount).fill(true);
  for (const counts of panels) {
    const rows = rowCounts(problem, counts);
    for (let r = 0; r < problem.quotaCount; r++) {
      if (rows[r] !== problem.rows[r].min) atMin[r] = false;
      if (rows[r] !== problem.rows[r].max) atMax[r] = false;
    }
  }
  const binding = new Map<number, BindingQuota['bound']>();
  if (!panels.length) return binding;
  for (let r = 0; r < problem.quotaCount; r++) {
    if (atMin[r] && atMax[r]) binding.set(r, 'exact');
    else if (atMin[r]) binding.set(r, 'min');
    else if (atMax[r]) binding.set(r, 'max');
  }
  return binding;
}

export function explainChances(
  problem: SelectionProblem,
  respondents: readonly Respondent[],
  probabilities: ArrayLike<number>,
  panels: readonly Int32Array[],
  alreadySelected: ReadonlySet<number>,
): ChanceExplanation[] {
  const binding = bindingQuotaRows(problem, panels);
  const poolCount = problem.rows.map((row) => row.types.reduce((sum, t) => sum + problem.types[t].members.length, 0));
  const byType = problem.types.map((type) =>
    type.rows
      .filter((r) => binding.has(r))
      .map((r): BindingQuota => {
        const row = problem.rows[r];
        const bound = binding.get(r) as BindingQuota['bound'];
        return { category: row.category, feature: row.feature, bound, limit: bound === 'max' ? row.max : row.min, poolCount: poolCount[r] };
      }),
  );
  return respondents.map((r, i) => {
    const forced = alreadySelected.has(i);
    return { id: r.id, probability: probabilities[i], alreadySelected: forced, binding: forced ? [] : byType[problem.typeOf[i]] };
  });
}
