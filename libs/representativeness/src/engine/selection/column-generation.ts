/*
 * MAXIMIN and LEXIMIN distributions over panels by column generation (Flanigan et al., Nature
 * 2021), on types rather than people. Pricing tries cheap swap improvements of the panels in use
 * first and falls back to the exact panel ILP, which is also what proves convergence. LEXIMIN
 * first tries to reach its LP relaxation in one go, which proves itself by reaching it; where that
 * is out of reach it fixes level after level, each proven by the ILP, and after each tries the
 * relaxation of the rest.
 */
import { MasterLp, MasterSolution } from './master-lp';
import { improveByPairedSwaps, improvePanel, panelKey, panelValue, swapTables, typesByWeight } from './panel-improvement';
import { PanelSearch } from './panel-search';
import { SelectionProblem } from './person-types';
import { Highs } from './highs-runtime';
import { LeximinStatus, SelectionAlgorithm } from './types';
import { relaxedLeximinTargets } from './leximin-relaxation';
import { PanelPool } from './panel-pool';

/** MAXIMIN's smallest probability is optimal to within this. */
const TOLERANCE = 1e-7;
/**
 * LEXIMIN's later levels stop within this: a tenth of one lottery ticket's worth of chance (1/1,000),
 * five times finer than Flanigan et al.'s own implementation stops its levels (5e-4).
 */
const LEXIMIN_TOLERANCE = 1e-4;
/** Weight of the previous round's pricing duals in this round's (dual smoothing). */
const SMOOTHING = 0.5;
/**
 * Rounds spent trying to reach LEXIMIN's relaxation in one go, out of the budget. On three synthetic
 * pools of 2,000 it was reached in 55-60 rounds at N 45 and 74-80 at N 150. Where quotas put it out
 * of reach, the exact ILP proves so once the swaps find nothing better (in 3 rounds on a pool of
 * 2,000 where three groups of 20 can have only one member on a panel between them), and the panels
 * found start the level-by-level search, which keeps the rest of the budget.
 */
const RELAXATION_ROUNDS = 120;
/**
 * Panels built each round by multiplicative weights from the pricing duals (spreadPanels()). Swaps
 * from the panels in use all climb to the same few heaviest types, so the LP can raise only them; a
 * sequence that spreads over every type with a positive dual gives it panels to mix. At pool 2,000,
 * N 45: MAXIMIN in 10 LP solves instead of 34 (simplex iterations 6,518 -> 3,429).
 */
const SPREAD_STEPS = 20;
/** A type's weight in the next panel of the sequence: times this to the power of (share of the type taken + 1/2). */
const SPREAD_DISCOUNT = 0.5;
/**
 * Panels the LP may hold beyond one per active type before idle ones leave it for the pool (see
 * panel-pool.ts), and how many solves in a row a panel must have been idle (no weight, not binding)
 * to go. Dropping every idle panel at once, for good, made the LP cycle near its optimum: the same
 * panels were dropped and found again, and LEXIMIN's relaxation at pool 2,000, N 45 was still at
 * 0.99997 of its targets after 1,500 rounds. Waiting 5 solves, with the pool, it is reached in about
 * 90 rounds (60 with RELAXATION_STARTS); MAXIMIN takes as long as before.
 */
const PURGE_MARGIN = 100;
const IDLE_SOLVES = 5;
/** Pairs of swaps applied to each panel offered to the paired-swap search when single swaps find nothing. */
const PAIRED_STEPS = 3;
/**
 * How many panels in use are offered to the swap heuristics each round. Where quotas are exact,
 * offering all of them to the paired search (not just the best two) cut MAXIMIN's rounds on the
 * 360-person benchmark from about 640 to about 60.
 */
const HEURISTIC_STARTS = 20;
/**
 * The same for LEXIMIN's relaxation, which has every type's own target to reach at once and gains
 * from more panels a round. Rounds to reach it at pool 2,000, N 45: 92 with 20 starts, 71 with 40,
 * 59 with 80; at N 150: not within 110 with 20, 98 with 40, 74 with 80. (MAXIMIN on the 360-person
 * benchmark slowed with 40, so it keeps 20.)
 */
const RELAXATION_STARTS = 80;

/** Work LEXIMIN may do beyond MAXIMIN: counted in solver calls, never in seconds, so every machine stops at the same point. */
export interface LeximinBudget {
  /** Exact panel ILPs (default 400). */
  pricingSolves?: number;
  /** Rounds of the distribution LP, each one LP solve and its pricing (default 150). */
  rounds?: number;
}

/**
 * LEXIMIN at pool 2,000 needs 55-60 rounds at N 45 (about 20 s on a busy 2-core machine) and 74-80
 * at N 150 (about a minute): over twice what N 45 needs. A pool of a few hundred needs a few dozen.
 */
export const DEFAULT_LEXIMIN_BUDGET: Required<LeximinBudget> = { pricingSolves: 400, rounds: 150 };

export interface Distribution {
  panels: Int32Array[];
  weights: number[];
  /** Selection probability of a member of each type. */
  typeProbabilities: Float64Array;
  pricingSolves: number;
  /** LEXIMIN: complete, or which budget cut a level short (the MAXIMIN level is always exact). */
  leximinStatus: LeximinStatus;
  /**
   * The smallest probability, then (LEXIMIN) each later level fixed, in order: non-decreasing. Where
   * LEXIMIN's relaxation was reached in one go, its levels.
   */
  levels: number[];
  lpRecoveries: number;
}

export interface DistributionOptions {
  algorithm: SelectionAlgorithm;
  leximinBudget?: LeximinBudget;
}

/** What is left of a budget; converge() spends it. */
interface Allowance {
  rounds: number;
  pricingSolves: number;
}

type Convergence = { solution: MasterSolution; proven: boolean; stoppedBy?: Exclude<LeximinStatus, 'complete'> };

class ColumnGeneration {
  /** Every panel in the LP, queued for it, or in the pool: a panel is found only once. */
  private readonly keys = new Set<string>();
  private pending: Int32Array[] = [];
  private readonly master: MasterLp;
  /** Beyond this many panels, idle ones leave the LP for the pool. */
  private readonly purgeAbove: number;
  private readonly pool = new PanelPool();
  private center?: Float64Array;
  /**
   * Whether the last round's panels came from paired swaps only. Exact quotas need many more panels
   * in the LP, and dropping them there makes the pair search find the same ones again and again.
   */
  private pairsOnly = false;

  constructor(
    private readonly problem: SelectionProblem,
    private readonly search: PanelSearch,
    highs: Highs,
    private readonly active: number[],
    initial: Int32Array[],
    scale?: ArrayLike<number>,
    private readonly heuristicStarts = HEURISTIC_STARTS,
  ) {
    this.master = new MasterLp(highs, problem, active, scale);
    this.purgeAbove = active.length + PURGE_MARGIN;
    for (const panel of initial) this.add(panel);
  }

  get panels(): Int32Array[] {
    return this.master.panels;
  }

  /** Queues a panel not seen before; queued panels enter the LP together before its next solve. */
  add(counts: Int32Array): boolean {
    const key = panelKey(counts);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.pending.push(counts);
    return true;
  }

  private solveMaster(): MasterSolution {
    this.master.addPanels(this.pending);
    this.pending = [];
    return this.master.solve();
  }

  /**
   * Re-solves the master and adds improving panels until none improves it by more than
   * `tolerance` (`proven`), or its value is within `tolerance` of a known upper bound (`ceiling`,
   * also proven), or until `maxRounds` or the allowance runs out (not proven: the distribution in
   * hand is still feasible and never worse than the previous one).
   */
  converge(tolerance: number, limits: { maxRounds?: number; allowance?: Allowance; ceiling?: number } = {}): Convergence {
    for (let round = 1; ; round++) {
      const solution = this.solveMaster();
      if (limits.ceiling !== undefined && solution.z >= limits.ceiling - tolerance) return { solution, proven: true };
      if (this.panels.length > this.purgeAbove && !this.pairsOnly) for (const dropped of this.master.purge(IDLE_SOLVES)) this.pool.add(dropped);
      const allowance = limits.allowance;
      if (allowance && allowance.rounds-- <= 0) return { solution, proven: false, stoppedBy: 'round-budget' };
      if (limits.maxRounds !== undefined && round > limits.maxRounds) return { solution, proven: false, stoppedBy: 'round-budget' };
      const bar = solution.threshold + tolerance;
      const lambda = this.master.distribution();
      // Pricing at duals smoothed with the last round's damps their oscillation (Wentges); a panel
      // is kept only if it improves on the current duals themselves.
      const query = this.center && round > 1 ? Float64Array.from(solution.weights, (w, t) => SMOOTHING * (this.center as Float64Array)[t] + (1 - SMOOTHING) * w) : solution.weights;
      this.center = query;
      const starts = this.panels
        .map((counts, i) => ({ counts, lambda: lambda[i], value: panelValue(counts, query) }))
        .filter((p) => p.lambda > 1e-12)
        .sort((a, b) => b.value - a.value)
        .slice(0, this.heuristicStarts);
      // Dropped panels that improve on these duals come back first: the cheapest pricing there is.
      const returning = this.pool.takeAbove(solution.weights, bar);
      this.pending.push(...returning);
      let added = returning.length;
      const order = typesByWeight(query);
      for (const start of starts) {
        const improved = improvePanel(this.problem, start.counts, query, order);
        if (panelValue(improved.counts, solution.weights) > bar && this.add(improved.counts)) added++;
      }
      added += this.addSpread(starts.length ? starts[0].counts : this.panels[0], query, solution.weights, bar);
      this.pairsOnly = false;
      if (added) continue;
      // No single swap helps (exact quotas allow none): try pairs of swaps before the exact ILP.
      for (const start of starts) {
        const counts = Int32Array.from(start.counts);
        for (let step = 0; step < PAIRED_STEPS && improveByPairedSwaps(this.problem, counts, query); step++);
        const improved = improvePanel(this.problem, counts, query, order);
        if (panelValue(improved.counts, solution.weights) > bar && this.add(improved.counts)) added++;
      }
      this.pairsOnly = added > 0;
      if (added) continue;
      if (allowance && allowance.pricingSolves-- <= 0) return { solution, proven: false, stoppedBy: 'pricing-budget' };
      const seen: Int32Array[] = [];
      const best = this.search.best(solution.weights, { above: bar, into: seen });
      if (!best || best.value <= bar || !this.add(best.counts)) return { solution, proven: true };
      // The other panels the ILP passed on its way, where they also improve, come free.
      for (const counts of seen) this.add(counts);
    }
  }

  /** Queues the panels of spreadPanels() from `start` that improve on `duals`; returns how many. */
  private addSpread(start: Int32Array, query: ArrayLike<number>, duals: ArrayLike<number>, bar: number): number {
    let added = 0;
    for (const counts of spreadPanels(this.problem, start, query, SPREAD_STEPS)) if (panelValue(counts, duals) > bar && this.add(counts)) added++;
    return added;
  }

  get recoveries(): number {
    return this.master.recoveries;
  }

  fix(t: number, probability: number): void {
    this.master.fixType(t, probability);
  }

  distribution(): number[] {
    return this.master.distribution();
  }

  dispose(): void {
    this.master.dispose();
  }
}

/**
 * Finds, for every type, whether some feasible panel contains it, and a set of panels covering all
 * coverable types. Maximising the weight of the not-yet-covered types proves the rest uncoverable
 * once the best panel has none of them.
 */
export function coverTypes(problem: SelectionProblem, search: PanelSearch, first: Int32Array): { covered: boolean[]; panels: Int32Array[] } {
  const T = problem.types.length;
  const covered = new Array<boolean>(T).fill(false);
  const panels: Int32Array[] = [];
  const take = (counts: Int32Array) => {
    panels.push(counts);
    for (let t = 0; t < T; t++) if (counts[t] > 0) covered[t] = true;
  };
  take(first);
  let last = first;
  for (;;) {
    const weights = problem.types.map((type, t) => (covered[t] ? 0 : 1 / type.members.length));
    const improved = improvePanel(problem, last, weights);
    if (improved.value > 0) {
      take(improved.counts);
      last = improved.counts;
      continue;
    }
    if (covered.every(Boolean)) break;
    // Exact quotas allow no single swap; pairs of swaps from any panel found so far (newest first)
    // still reach uncovered types without the ILP.
    let reached: Int32Array | undefined;
    for (let i = panels.length - 1; i >= 0 && !reached; i--) {
      const paired = Int32Array.from(panels[i]);
      if (improveByPairedSwaps(problem, paired, weights) && panelValue(paired, weights) > 0) reached = paired;
    }
    if (reached) {
      const better = improvePanel(problem, reached, weights);
      take(better.counts);
      last = better.counts;
      continue;
    }
    const best = search.best(weights);
    if (!best || best.value <= 0) break;
    take(best.counts);
    last = best.counts;
  }
  return { covered, panels };
}

/**
 * A sequence of panels by multiplicative weights (as diversePanels() at the start, but from given
 * weights): each the swap search's best panel from the last one, after which the types it took
 * weigh less, so the next reaches other valuable types. Where quotas are exact no single swap keeps
 * them, and the sequence is empty.
 */
export function spreadPanels(problem: SelectionProblem, start: Int32Array, weights: ArrayLike<number>, steps: number): Int32Array[] {
  if (!swapTables(problem).anySlack) return [];
  const current = Float64Array.from(weights);
  const panels: Int32Array[] = [];
  let last = start;
  for (let step = 0; step < steps; step++) {
    const improved = improvePanel(problem, last, current);
    panels.push(improved.counts);
    for (let t = 0; t < current.length; t++) if (improved.counts[t] > 0) current[t] *= Math.pow(SPREAD_DISCOUNT, improved.counts[t] / problem.types[t].members.length + 0.5);
    last = improved.counts;
  }
  return panels;
}

/**
 * Diverse starting panels (multiplicative weights, as in Flanigan et al.): repeatedly improve a panel
 * towards the people chosen least so far, discounting everyone chosen, so the first master LP
 * already spreads probability widely.
 */
export function diversePanels(problem: SelectionProblem, seeds: Int32Array[], rounds: number): Int32Array[] {
  const T = problem.types.length;
  const weights = problem.types.map((type) => 1 / type.members.length);
  const panels: Int32Array[] = [];
  let current = seeds[seeds.length - 1];
  for (let i = 0; i < rounds; i++) {
    const improved = improvePanel(problem, current, weights);
    panels.push(improved.counts);
    // Discount the chosen in proportion to the share of their type chosen, as if each member were weighed.
    for (let t = 0; t < T; t++) if (improved.counts[t] > 0) weights[t] *= Math.pow(0.5, improved.counts[t] / problem.types[t].members.length + 0.5);
    const total = weights.reduce((a, b) => a + b, 0);
    for (let t = 0; t < T; t++) weights[t] /= total;
    current = improved.counts;
  }
  return panels;
}

function typeProbabilitiesOf(problem: SelectionProblem, panels: readonly Int32Array[], weights: readonly number[]): Float64Array {
  const probabilities = new Float64Array(problem.types.length);
  panels.forEach((counts, i) => {
    if (weights[i] <= 0) return;
    for (let t = 0; t < counts.length; t++) if (counts[t]) probabilities[t] += (weights[i] * counts[t]) / problem.types[t].members.length;
  });
  return probabilities;
}

interface RelaxationAttempt {
  /** Whether the panels found reach every type's target (so they give LEXIMIN). */
  reached: boolean;
  /** Whether the attempt ended decided (reached, or proven out of reach) rather than cut short. */
  decided: boolean;
  panels: Int32Array[];
  weights?: number[];
  /** The relaxation's levels above the fixed ones. */
  levels: number[];
  recoveries: number;
}

/**
 * LEXIMIN by its LP relaxation: if some distribution over whole panels gives every type at least
 * its relaxed level (a MAXIMIN of the share of each target reached), that distribution is LEXIMIN,
 * exact to TOLERANCE of each level rather than LEXIMIN_TOLERANCE. With `fixed`, the levels already
 * proven are held and the relaxation of the rest is the target. Returns the panels tried either
 * way, for the level-by-level search when the relaxation is out of reach.
 */
function leximinByRelaxation(
  highs: Highs,
  problem: SelectionProblem,
  search: PanelSearch,
  active: number[],
  initial: Int32Array[],
  allowance: Allowance,
  fixed: ReadonlyMap<number, number> = new Map(),
): RelaxationAttempt {
  const relaxation = relaxedLeximinTargets(highs, problem, active, fixed);
  if (!relaxation || active.some((t) => !(relaxation.targets[t] > 1e-12))) return { reached: false, decided: false, panels: initial, levels: [], recoveries: 0 };
  const generation = new ColumnGeneration(problem, search, highs, active, initial, relaxation.targets, RELAXATION_STARTS);
  try {
    // No distribution over panels can give every type more than its relaxed level, so reaching 1
    // (within TOLERANCE) proves this one LEXIMIN without the exact ILP.
    const { solution, proven } = generation.converge(TOLERANCE, { allowance, maxRounds: RELAXATION_ROUNDS, ceiling: 1 });
    const weights = generation.distribution();
    const reached = proven && solution.z >= 1 - 1e-6;
    return { reached, decided: proven, panels: [...generation.panels], weights, levels: relaxation.levels, recoveries: generation.recoveries };
  } finally {
    generation.dispose();
  }
}

export function findDistribution(highs: Highs, problem: SelectionProblem, search: PanelSearch, active: number[], initial: Int32Array[], options: DistributionOptions): Distribution {
  const allowance: Allowance = { ...DEFAULT_LEXIMIN_BUDGET, ...options.leximinBudget };
  const leximin = options.algorithm === 'leximin';
  let recoveries = 0;
  // The relaxation is tried again each time a level is fixed, until an attempt is cut short (by
  // RELAXATION_ROUNDS or the budget): then it is not worth the rounds.
  let retry = leximin;
  const attempt = (panels: Int32Array[], fixed?: ReadonlyMap<number, number>): RelaxationAttempt => {
    const relaxed = leximinByRelaxation(highs, problem, search, active, panels, allowance, fixed);
    recoveries += relaxed.recoveries;
    if (!relaxed.decided) retry = false;
    return relaxed;
  };
  const reachedWith = (relaxed: RelaxationAttempt, below: number[]): Distribution => {
    const weights = relaxed.weights ?? [];
    const typeProbabilities = typeProbabilitiesOf(problem, relaxed.panels, weights);
    return { panels: relaxed.panels, weights, typeProbabilities, pricingSolves: search.solves, leximinStatus: 'complete', levels: [...below, ...relaxed.levels], lpRecoveries: recoveries };
  };
  let start = initial;
  if (leximin) {
    const relaxed = attempt(initial);
    if (relaxed.reached) return reachedWith(relaxed, []);
    start = relaxed.panels;
  }
  const generation = new ColumnGeneration(problem, search, highs, active, start);
  let status: LeximinStatus = 'complete';
  try {
    let { solution } = generation.converge(TOLERANCE);
    const levels = [solution.z];
    // Read before fixing: once a type is fixed the model changes and its last solution is gone.
    let weights = generation.distribution();
    if (leximin) {
      const unfixed = new Set(active);
      const fixed = new Map<number, number>();
      for (;;) {
        // The level was proven: types whose bound carries a positive dual cannot rise above it in any
        // optimum. (A level the budget cut short ends the search below, before anything is fixed.)
        const atLevel = [...unfixed].filter((t) => solution.typeDuals[t] > 1e-9);
        if (!atLevel.length || atLevel.length === unfixed.size) break;
        if (allowance.rounds <= 0 || allowance.pricingSolves <= 0) {
          // The distribution in hand is feasible and no worse than MAXIMIN; later levels stay unrefined.
          status = allowance.rounds <= 0 ? 'round-budget' : 'pricing-budget';
          break;
        }
        for (const t of atLevel) {
          fixed.set(t, solution.z - TOLERANCE);
          generation.fix(t, solution.z - TOLERANCE);
          unfixed.delete(t);
        }
        if (retry) {
          // What kept the relaxation out of reach may have been these levels alone.
          const relaxed = attempt([...generation.panels], fixed);
          if (relaxed.reached) return reachedWith(relaxed, levels);
          // Its panels in use are worth having for the next level.
          for (let i = 0; i < relaxed.panels.length; i++) if ((relaxed.weights?.[i] ?? 0) > 0) generation.add(relaxed.panels[i]);
        }
        // No cap per level: a level ends proven, or where the budget runs out (and with it LEXIMIN).
        const level = generation.converge(LEXIMIN_TOLERANCE, { allowance });
        solution = level.solution;
        levels.push(solution.z);
        weights = generation.distribution();
        if (!level.proven && status === 'complete') status = level.stoppedBy ?? 'round-budget';
      }
    }
    const typeProbabilities = typeProbabilitiesOf(problem, generation.panels, weights);
    return { panels: [...generation.panels], weights, typeProbabilities, pricingSolves: search.solves, leximinStatus: status, levels, lpRecoveries: recoveries + generation.recoveries };
  } finally {
    generation.dispose();
  }
}
