/*
 * When no panel meets the quotas, say which ones conflict and what the nearest feasible quotas are:
 * an ILP finds a panel that moves the min/max bounds by the fewest places in total (lowering a
 * minimum or raising a maximum), and HiGHS's irreducible infeasible subsystem of the LP relaxation,
 * where it finds one, names the rest of the conflict.
 */
import { createModel, cscFrom, Highs, MODEL_STATUS, runModel, solverStep } from './highs-runtime';
import { SelectionProblem } from './person-types';
import { InfeasibilityExplanation, Quota, QuotaRelaxation, SolverError } from './types';

/** How far each row may move: lower[r] places off its minimum, raise[r] onto its maximum. */
export interface RelaxationLimits {
  lower: number[];
  raise: number[];
}

/** Quotas may move anywhere; households and people already selected never do. */
function unlimited(problem: SelectionProblem): RelaxationLimits {
  return {
    lower: problem.rows.map((row, r) => (r < problem.quotaCount ? row.min : 0)),
    raise: problem.rows.map((_, r) => (r < problem.quotaCount ? problem.panelSize : 0)),
  };
}

/** The relaxation moving bounds by the fewest places in total within the limits, or undefined when even the limits leave no panel. */
export function minimalRelaxation(highs: Highs, problem: SelectionProblem, limits: RelaxationLimits = unlimited(problem)): { lower: number[]; raise: number[] } | undefined {
  const T = problem.types.length;
  const R = problem.rows.length;
  // Rows: 0 = panel size; 1 + 2r = meets min_r (after lowering); 2 + 2r = meets max_r (after raising).
  const columns: Array<Array<readonly [number, number]>> = problem.types.map((type) => [[0, 1] as const, ...type.rows.flatMap((r) => [[1 + 2 * r, 1] as const, [2 + 2 * r, 1] as const])]);
  for (let r = 0; r < R; r++) columns.push([[1 + 2 * r, 1]]);
  for (let r = 0; r < R; r++) columns.push([[2 + 2 * r, -1]]);
  const inf = highs.infinity;
  const rowLower = [problem.panelSize, ...problem.rows.flatMap((q) => [q.min, -inf])];
  const rowUpper = [problem.panelSize, ...problem.rows.flatMap((q) => [inf, q.max])];
  const numCols = T + 2 * R;
  const model = createModel(
    highs,
    {
      numCols,
      numRows: rowLower.length,
      colCost: [...new Array<number>(T).fill(0), ...new Array<number>(2 * R).fill(1)],
      colLower: new Array<number>(numCols).fill(0),
      colUpper: [...problem.types.map((t) => t.members.length), ...limits.lower, ...limits.raise],
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: rowLower.length, numCols, ...cscFrom(columns) },
      integrality: new Array(numCols).fill(highs.constants.variableType.integer),
    },
    'quota relaxation',
  );
  try {
    const status = runModel(model, 'quota relaxation');
    if (status === MODEL_STATUS.infeasible) return undefined;
    if (status !== MODEL_STATUS.optimal) throw new SolverError(`HiGHS could not find the nearest feasible quotas (status ${status})`);
    const values = solverStep('reading the quota relaxation', () => model.getSolution().colValue);
    return {
      lower: Array.from(values.subarray(T, T + R), Math.round),
      raise: Array.from(values.subarray(T + R), Math.round),
    };
  } finally {
    model.dispose();
  }
}

/** Quota rows in an irreducible conflict of the LP relaxation, or none if HiGHS cannot tell. */
function conflictRows(highs: Highs, problem: SelectionProblem): number[] {
  const columns = problem.types.map((type) => [[0, 1] as const, ...type.rows.map((r) => [r + 1, 1] as const)]);
  const model = createModel(
    highs,
    {
      numCols: problem.types.length,
      numRows: problem.rows.length + 1,
      colCost: new Array<number>(problem.types.length).fill(0),
      colLower: new Array<number>(problem.types.length).fill(0),
      colUpper: problem.types.map((t) => t.members.length),
      rowLower: [problem.panelSize, ...problem.rows.map((r) => r.min)],
      rowUpper: [problem.panelSize, ...problem.rows.map((r) => r.max)],
      matrix: { format: 'csc', numRows: problem.rows.length + 1, numCols: problem.types.length, ...cscFrom(columns) },
    },
    'quota conflict search',
    // Strategy 6: derive the subsystem from the infeasibility proof, then make it irreducible.
    // Bounded by simplex iterations, not seconds, so a busy machine finds the same conflict set.
    { iis_strategy: 6, simplex_iteration_limit: 200_000 },
  );
  try {
    if (runModel(model, 'quota conflict search') !== MODEL_STATUS.infeasible) return [];
    const iis = model.getIis();
    return Array.from(iis.rowIndex)
      .filter((row) => row > 0 && row - 1 < problem.quotaCount)
      .map((row) => row - 1);
  } catch {
    // The conflict set is a courtesy on top of the relaxation; its absence is not an error.
    return [];
  } finally {
    model.dispose();
  }
}

export function explainInfeasibility(highs: Highs, problem: SelectionProblem): InfeasibilityExplanation {
  const relaxation = minimalRelaxation(highs, problem);
  // Validation rules out what would make this happen (housemates both already selected, more of them than places).
  if (!relaxation) throw new SolverError('No relaxation of the quotas admits a panel with the people already selected and the household rule');
  const { lower, raise } = relaxation;
  const nearestFeasible: QuotaRelaxation[] = problem.rows.slice(0, problem.quotaCount).map((row, r) => ({
    category: row.category,
    feature: row.feature,
    min: row.min,
    max: row.max,
    feasibleMin: row.min - lower[r],
    feasibleMax: row.max + raise[r],
  }));
  const relaxed = new Set(nearestFeasible.map((_, r) => r).filter((r) => lower[r] > 0 || raise[r] > 0));
  for (const r of conflictRows(highs, problem)) relaxed.add(r);
  const conflicting: Quota[] = [...relaxed]
    .sort((a, b) => a - b)
    .map((r) => {
      const { category, feature, min, max } = problem.rows[r];
      return { category, feature, min, max };
    });
  return {
    conflicting,
    conflictingCategories: [...new Set(conflicting.map((q) => q.category))],
    nearestFeasible,
    totalRelaxation: [...lower, ...raise].reduce((a, b) => a + b, 0),
  };
}
