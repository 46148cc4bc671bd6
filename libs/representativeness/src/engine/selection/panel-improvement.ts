/*
 * A cheap pricing heuristic: improve a feasible panel by one-for-one swaps (one person of a type
 * out, one of a more valuable type in) that keep every quota. It finds most improving panels in
 * microseconds, so the exact panel ILP is needed mainly to prove that none is left.
 */
import { SelectionProblem } from './person-types';

export interface ImprovedPanel {
  counts: Int32Array;
  value: number;
}

/** The problem's type-by-category row table in flat typed arrays, built once per problem. */
export interface SwapTables {
  categories: number;
  /** typeRows[t * categories + k]: the quota row of type t in category k, or -1. */
  typeRows: Int32Array;
  min: Int32Array;
  max: Int32Array;
  size: Int32Array;
}

const tables = new WeakMap<SelectionProblem, SwapTables>();

export function swapTables(problem: SelectionProblem): SwapTables {
  const cached = tables.get(problem);
  if (cached) return cached;
  const categoryNames = [...new Set(problem.rows.map((r) => r.category))];
  const K = categoryNames.length;
  const categoryOfRow = problem.rows.map((r) => categoryNames.indexOf(r.category));
  const typeRows = new Int32Array(problem.types.length * K).fill(-1);
  problem.types.forEach((type, t) => type.rows.forEach((r) => (typeRows[t * K + categoryOfRow[r]] = r)));
  const built: SwapTables = {
    categories: K,
    typeRows,
    min: Int32Array.from(problem.rows.map((r) => r.min)),
    max: Int32Array.from(problem.rows.map((r) => r.max)),
    size: Int32Array.from(problem.types.map((t) => t.members.length)),
  };
  tables.set(problem, built);
  return built;
}

function swapKeepsQuotas(s: SwapTables, rowCount: Int32Array, out: number, into: number): boolean {
  const K = s.categories;
  for (let k = 0; k < K; k++) {
    const ro = s.typeRows[out * K + k];
    const ri = s.typeRows[into * K + k];
    if (ro === ri) continue;
    if (ri >= 0 && rowCount[ri] + 1 > s.max[ri]) return false;
    if (ro >= 0 && rowCount[ro] - 1 < s.min[ro]) return false;
  }
  return true;
}

function applySwap(s: SwapTables, counts: Int32Array, rowCount: Int32Array, out: number, into: number): void {
  const K = s.categories;
  counts[out]--;
  counts[into]++;
  for (let k = 0; k < K; k++) {
    const ro = s.typeRows[out * K + k];
    const ri = s.typeRows[into * K + k];
    if (ro >= 0) rowCount[ro]--;
    if (ri >= 0) rowCount[ri]++;
  }
}

/** Types from most to least valuable; share one ordering across the starts of a round. */
export function typesByWeight(weights: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: weights.length }, (_, t) => t).sort((a, b) => weights[b] - weights[a]);
}

export function improvePanel(
  problem: SelectionProblem,
  start: Int32Array,
  weights: ArrayLike<number>,
  byWeight: Int32Array = typesByWeight(weights),
  maxPasses = 20,
): ImprovedPanel {
  const s = swapTables(problem);
  const T = problem.types.length;
  const K = s.categories;
  const counts = Int32Array.from(start);
  const rowCount = new Int32Array(problem.rows.length);
  for (let t = 0; t < T; t++) {
    if (!counts[t]) continue;
    for (let k = 0; k < K; k++) if (s.typeRows[t * K + k] >= 0) rowCount[s.typeRows[t * K + k]] += counts[t];
  }

  // Each pass offers places to types from the most valuable down, taking them from the least
  // valuable members that can leave without breaking a quota; a type that just came in is never
  // given up later in the same pass, because every later candidate is worth less.
  for (let pass = 0; pass < maxPasses; pass++) {
    const inPanel: number[] = [];
    for (let i = T - 1; i >= 0; i--) if (counts[byWeight[i]] > 0) inPanel.push(byWeight[i]);
    let swaps = 0;
    for (let i = 0; i < T; i++) {
      const into = byWeight[i];
      let o = 0;
      while (counts[into] < s.size[into] && o < inPanel.length) {
        const out = inPanel[o];
        if (weights[out] >= weights[into] - 1e-15) break;
        if (counts[out] > 0 && swapKeepsQuotas(s, rowCount, out, into)) {
          applySwap(s, counts, rowCount, out, into);
          swaps++;
        } else o++;
      }
    }
    if (!swaps) break;
  }
  return { counts, value: panelValue(counts, weights) };
}

export function panelValue(counts: ArrayLike<number>, weights: ArrayLike<number>): number {
  let value = 0;
  for (let t = 0; t < counts.length; t++) value += counts[t] * weights[t];
  return value;
}

/** Identifies a panel by its non-zero counts (at most N of them, against hundreds of types). */
export function panelKey(counts: Int32Array): string {
  let key = '';
  for (let t = 0; t < counts.length; t++) if (counts[t]) key += `${t}:${counts[t]},`;
  return key;
}
