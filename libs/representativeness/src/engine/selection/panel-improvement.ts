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
  /**
   * Whether any row has room between its minimum and maximum. Where none has (exact quotas), a
   * single swap of one type for another always moves some row off its only allowed count.
   */
  anySlack: boolean;
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
    anySlack: problem.rows.some((r) => r.min < r.max),
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

export function improvePanel(problem: SelectionProblem, start: Int32Array, weights: ArrayLike<number>, order?: Int32Array, maxPasses = 20): ImprovedPanel {
  const s = swapTables(problem);
  if (!s.anySlack) return { counts: Int32Array.from(start), value: panelValue(start, weights) };
  const byWeight = order ?? typesByWeight(weights);
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
    // inPanel is fixed for the pass and ascending in weight: once a type is worth no more than its
    // first (lightest) member, no later type can take anyone's place either.
    const floor = inPanel.length ? weights[inPanel[0]] : Infinity;
    for (let i = 0; i < T; i++) {
      const into = byWeight[i];
      if (floor >= weights[into] - 1e-15) break;
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

/** A 32-bit mix of one category's change (from row to row); the sum over categories keys a swap. */
function changeHash(k: number, from: number, to: number): number {
  let h = Math.imul(k + 1, 0x9e3779b1) ^ Math.imul(from + 2, 0x85ebca6b) ^ Math.imul(to + 2, 0xc2b2ae35);
  h ^= h >>> 15;
  return Math.imul(h, 0x27d4eb2f) >>> 0;
}

/** Beyond this many types the pair table (types squared) costs more than the ILP it saves. */
const PAIR_TABLE_MAX_TYPES = 1500;

/** Each swap's effect on the quota rows as a small dense id, built once per problem. */
interface PairTable {
  /** effect[out * T + into]: the id of swap out -> into's effect (equal hashes share an id). */
  effect: Int32Array;
  effects: number;
}

const pairTables = new WeakMap<SelectionProblem, PairTable>();

function pairTable(problem: SelectionProblem): PairTable {
  const cached = pairTables.get(problem);
  if (cached) return cached;
  const s = swapTables(problem);
  const T = problem.types.length;
  const K = s.categories;
  const effect = new Int32Array(T * T);
  // Ids by open addressing on the 32-bit keys: a Map keyed by numbers above 2^30 boxes each one,
  // and T^2 lookups through it were most of this table's cost.
  let slots = 1 << 12;
  let keys = new Uint32Array(slots);
  let ids = new Int32Array(slots).fill(-1);
  let effects = 0;
  const slotOf = (key: number, inKeys: Uint32Array, inIds: Int32Array, mask: number): number => {
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (inIds[i] >= 0 && inKeys[i] !== key) i = (i + 1) & mask;
    return i;
  };
  for (let out = 0; out < T; out++) {
    for (let into = 0; into < T; into++) {
      let key = 0;
      for (let k = 0; k < K; k++) {
        const ro = s.typeRows[out * K + k];
        const ri = s.typeRows[into * K + k];
        if (ro !== ri) key = (key + changeHash(k, ro, ri)) >>> 0;
      }
      let i = slotOf(key, keys, ids, slots - 1);
      if (ids[i] < 0) {
        if (2 * (effects + 1) > slots) {
          const grownKeys = new Uint32Array(slots * 2);
          const grownIds = new Int32Array(slots * 2).fill(-1);
          for (let j = 0; j < slots; j++) {
            if (ids[j] < 0) continue;
            const to = slotOf(keys[j], grownKeys, grownIds, slots * 2 - 1);
            grownKeys[to] = keys[j];
            grownIds[to] = ids[j];
          }
          slots *= 2;
          keys = grownKeys;
          ids = grownIds;
          i = slotOf(key, keys, ids, slots - 1);
        }
        keys[i] = key;
        ids[i] = effects++;
      }
      effect[out * T + into] = ids[i];
    }
  }
  const built = { effect, effects };
  pairTables.set(problem, built);
  return built;
}

/** Scratch arrays for the pair search, reused across calls on one problem (single-threaded). */
interface PairScratch {
  first: Int32Array;
  second: Int32Array;
  touched: Int32Array;
  outs: Int32Array;
  ins: Int32Array;
  gains: Float64Array;
}

const pairScratch = new WeakMap<SelectionProblem, PairScratch>();

function scratchFor(problem: SelectionProblem, table: PairTable): PairScratch {
  let scratch = pairScratch.get(problem);
  if (!scratch) {
    const T = problem.types.length;
    const candidates = Math.min(T * T, Math.max(1, problem.panelSize) * T);
    scratch = {
      first: new Int32Array(table.effects).fill(-1),
      second: new Int32Array(table.effects).fill(-1),
      touched: new Int32Array(table.effects),
      outs: new Int32Array(candidates),
      ins: new Int32Array(candidates),
      gains: new Float64Array(candidates),
    };
    pairScratch.set(problem, scratch);
  }
  return scratch;
}

/** Whether swap c -> d undoes, category by category, exactly what swap a -> b changes. */
function cancels(s: SwapTables, a: number, b: number, c: number, d: number): boolean {
  const K = s.categories;
  for (let k = 0; k < K; k++) {
    const ra = s.typeRows[a * K + k];
    const rb = s.typeRows[b * K + k];
    const rc = s.typeRows[c * K + k];
    const rd = s.typeRows[d * K + k];
    if (!((ra === rb && rc === rd) || (rb === rc && rd === ra))) return false;
  }
  return true;
}

/**
 * Where quotas are exact (min = max) no single swap keeps them, so the swap search above finds
 * nothing; two swaps whose effects on every quota cancel do keep them. Applies the best such pair
 * (each swap's effect is hashed once per problem, and matched with its opposite), and says whether
 * one improved the panel.
 */
export function improveByPairedSwaps(problem: SelectionProblem, counts: Int32Array, weights: ArrayLike<number>): boolean {
  const T = problem.types.length;
  if (T > PAIR_TABLE_MAX_TYPES) return false;
  const s = swapTables(problem);
  const table = pairTable(problem);
  const effect = table.effect;
  let lightest = Infinity;
  let heaviest = -Infinity;
  for (let t = 0; t < T; t++) {
    if (counts[t] && weights[t] < lightest) lightest = weights[t];
    if (counts[t] < s.size[t] && weights[t] > heaviest) heaviest = weights[t];
  }
  const most = heaviest - lightest;
  if (!(most > 0)) return false;
  // The two best swaps for each effect (two, so a clash of types in the best pair has a fallback),
  // effects kept in the order first met.
  const { first, second, touched, outs, ins, gains } = scratchFor(problem, table);
  let touchedCount = 0;
  let n = 0;
  for (let out = 0; out < T; out++) {
    if (!counts[out]) continue;
    const wOut = weights[out];
    const row = out * T;
    for (let into = 0; into < T; into++) {
      if (into === out || counts[into] >= s.size[into]) continue;
      const gain = weights[into] - wOut;
      if (gain + most <= 1e-15) continue;
      const key = effect[row + into];
      const top = first[key];
      const next = second[key];
      if (top >= 0 && gain <= gains[top] && next >= 0 && gain <= gains[next]) continue;
      const i = n++;
      outs[i] = out;
      ins[i] = into;
      gains[i] = gain;
      if (top < 0) {
        touched[touchedCount++] = key;
        first[key] = i;
      } else if (gain > gains[top]) {
        second[key] = top;
        first[key] = i;
      } else second[key] = i;
    }
  }
  let best = -1;
  let partner = -1;
  let bestGain = 1e-15;
  for (let e = 0; e < touchedCount; e++) {
    const key = touched[e];
    for (let a1 = 0; a1 < 2; a1++) {
      const i = a1 === 0 ? first[key] : second[key];
      if (i < 0) continue;
      const back = effect[ins[i] * T + outs[i]];
      for (let a2 = 0; a2 < 2; a2++) {
        const j = a2 === 0 ? first[back] : second[back];
        if (j < 0 || gains[i] + gains[j] <= bestGain) continue;
        const a = outs[i];
        const b = ins[i];
        const c = outs[j];
        const d = ins[j];
        if (a === d || b === c || !cancels(s, a, b, c, d)) continue;
        // Enough of each leaving type on the panel, and room in the pool for each joining type.
        if ((a === c && counts[a] < 2) || (b === d && counts[b] + 2 > s.size[b])) continue;
        best = i;
        partner = j;
        bestGain = gains[i] + gains[j];
      }
    }
  }
  if (best >= 0) {
    counts[outs[best]]--;
    counts[ins[best]]++;
    counts[outs[partner]]--;
    counts[ins[partner]]++;
  }
  for (let e = 0; e < touchedCount; e++) {
    first[touched[e]] = -1;
    second[touched[e]] = -1;
  }
  return best >= 0;
}
