/*
 * LEXIMIN over the LP relaxation of the panel polytope: expected counts per type (not whole
 * panels), level by level, each level one small LP. Its result bounds LEXIMIN from above; when
 * some distribution over whole panels reaches it (checked by column generation against these
 * targets), it is LEXIMIN itself, found without a column generation per level. Where the
 * relaxation's optimum is not reachable (quotas that cross several categories can cause that), the
 * caller fixes LEXIMIN's lowest levels by column generation and asks again with those held: the
 * relaxation of what is left bounds the rest the same way.
 */
import { createModel, cscFrom, Highs, MODEL_STATUS, runModel, solverStep } from './highs-runtime';
import { SelectionProblem } from './person-types';

/** A type's level row carries a positive dual above this: it cannot rise in any optimum. */
const DUAL_EPSILON = 1e-9;

export interface RelaxedLeximin {
  /** Target expected count per type: its level times its size (0 for types no panel can hold). */
  targets: Float64Array;
  /** The distinct levels, lowest first. */
  levels: number[];
}

/**
 * LEXIMIN of the relaxation, or undefined if HiGHS cannot solve a level. Types in `fixed` are held
 * at (at least) the probability given, and their target is that; `levels` are those of the others.
 */
export function relaxedLeximinTargets(highs: Highs, problem: SelectionProblem, active: readonly number[], fixed: ReadonlyMap<number, number> = new Map()): RelaxedLeximin | undefined {
  const T = problem.types.length;
  const R = problem.rows.length;
  const isActive = new Uint8Array(T);
  for (const t of active) isActive[t] = 1;
  const size = problem.types.map((type) => type.members.length);
  // Rows: 0 = panel size; 1..R = quota, household and already-selected rows; then one level row per active type.
  const levelRow = new Int32Array(T).fill(-1);
  active.forEach((t, i) => (levelRow[t] = 1 + R + i));
  const columns: Array<Array<readonly [number, number]>> = problem.types.map((type, t) => [
    [0, 1] as const,
    ...type.rows.map((r) => [1 + r, 1] as const),
    ...(isActive[t] ? [[levelRow[t], 1] as const] : []),
  ]);
  columns.push(active.map((t) => [levelRow[t], -size[t]] as const));
  const zCol = T;
  const inf = highs.infinity;
  const model = createModel(
    highs,
    {
      numCols: T + 1,
      numRows: 1 + R + active.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [...new Array<number>(T).fill(0), 1],
      colLower: new Array<number>(T + 1).fill(0),
      colUpper: [...size.map((s, t) => (isActive[t] ? s : 0)), 1],
      rowLower: [problem.panelSize, ...problem.rows.map((r) => r.min), ...active.map(() => 0)],
      rowUpper: [problem.panelSize, ...problem.rows.map((r) => r.max), ...active.map(() => inf)],
      matrix: { format: 'csc', numRows: 1 + R + active.length, numCols: T + 1, ...cscFrom(columns) },
    },
    'LEXIMIN relaxation',
    // Bounded by iterations, not seconds; a level that will not solve sends the caller to the level-by-level search.
    { solver: 'simplex', simplex_strategy: 1, simplex_iteration_limit: 200_000 },
  );
  try {
    const unfixed = new Set(active);
    const level = new Float64Array(T);
    const levels: number[] = [];
    const fix = (t: number, probability: number) => {
      level[t] = Math.max(0, probability);
      model.changeCoefficient(levelRow[t], zCol, 0);
      model.changeColBounds(t, Math.min(size[t], level[t] * size[t]), size[t]);
      unfixed.delete(t);
    };
    solverStep('holding the fixed levels', () => {
      for (const [t, probability] of fixed) if (unfixed.has(t)) fix(t, probability);
    });
    while (unfixed.size) {
      let status = runModel(model, 'LEXIMIN relaxation');
      if (status !== MODEL_STATUS.optimal) {
        solverStep('resetting the LEXIMIN relaxation', () => model.clearSolver());
        status = runModel(model, 'LEXIMIN relaxation');
        if (status !== MODEL_STATUS.optimal) return undefined;
      }
      const solution = solverStep('reading the LEXIMIN relaxation', () => model.getSolution());
      const z = solution.colValue[zCol];
      // A degenerate optimum can fix types at one value over two passes, and the slack given to the
      // levels below can lift the next by a hair: within a millionth of a chance, that is one level.
      if (!levels.length || z > levels[levels.length - 1] + 1e-6) levels.push(z);
      let atLevel = [...unfixed].filter((t) => Math.abs(solution.rowDual[levelRow[t]]) > DUAL_EPSILON);
      // A degenerate optimum can leave every dual at zero; then the types held exactly at the level go.
      if (!atLevel.length) atLevel = [...unfixed].filter((t) => solution.colValue[t] <= z * size[t] + 1e-9);
      if (!atLevel.length || z >= 1 - 1e-12) atLevel = [...unfixed];
      solverStep('fixing a relaxed level', () => {
        for (const t of atLevel) fix(t, z - 1e-10);
      });
    }
    // The levels, not the last solution: a type may sit above its level there, which LEXIMIN does not promise.
    return { targets: Float64Array.from({ length: T }, (_, t) => level[t] * size[t]), levels };
  } finally {
    model.dispose();
  }
}
