/*
 * MAXIMIN and LEXIMIN distributions over panels by column generation (Flanigan et al., Nature
 * 2021), on types rather than people. Pricing tries cheap swap improvements of the panels in use
 * first and falls back to the exact panel ILP, which is also what proves convergence.
 */
import { MasterLp, MasterSolution } from './master-lp';
import { improvePanel, panelKey, panelValue, typesByWeight } from './panel-improvement';
import { PanelSearch } from './panel-search';
import { SelectionProblem } from './person-types';
import { Highs } from './highs-runtime';
import { SelectionAlgorithm } from './types';

/** MAXIMIN's smallest probability is optimal to within this. */
const TOLERANCE = 1e-7;
/**
 * LEXIMIN's later levels stop within this: a tenth of one lottery ticket's worth of chance (1/1,000),
 * below what rounding to 1,000 tickets can show, and it spares the long tail of column generation.
 */
const LEXIMIN_TOLERANCE = 1e-4;
/** How many panels in use are offered to the swap heuristic each round. */
const HEURISTIC_STARTS = 20;
/**
 * Column generation stalls on LEXIMIN's later levels (the pricing duals oscillate), so each level
 * gets at most this many rounds of new panels before its best level is fixed and the next begins.
 */
const LEXIMIN_ROUNDS_PER_LEVEL = 12;
/** LEXIMIN refines level by level until done or this budget (after MAXIMIN) is spent. */
export const DEFAULT_LEXIMIN_SECONDS = 30;

export interface Distribution {
  panels: Int32Array[];
  weights: number[];
  /** Selection probability of a member of each type. */
  typeProbabilities: Float64Array;
  pricingSolves: number;
  /** False when a LEXIMIN level was fixed unproven (round cap or time budget); the MAXIMIN level is always exact. */
  complete: boolean;
}

export interface DistributionOptions {
  algorithm: SelectionAlgorithm;
  /** LEXIMIN only: stop refining after this many seconds. */
  leximinBudgetSeconds?: number;
}

class ColumnGeneration {
  private readonly keys = new Set<string>();
  private pending: Int32Array[] = [];
  private readonly master: MasterLp;
  /** Beyond this many panels, unused ones are dropped from the LP. */
  private readonly purgeAbove: number;

  constructor(
    private readonly problem: SelectionProblem,
    private readonly search: PanelSearch,
    highs: Highs,
    private readonly active: number[],
    initial: Int32Array[],
  ) {
    this.master = new MasterLp(highs, problem, active);
    this.purgeAbove = active.length + 100;
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
   * `tolerance` (`proven`), or until `maxRounds` or `deadline` (not proven: the distribution in
   * hand is still feasible and never worse than the previous one).
   */
  converge(tolerance: number, options: { deadline?: number; maxRounds?: number } = {}): { solution: MasterSolution; proven: boolean } {
    for (let round = 1; ; round++) {
      let solution = this.solveMaster();
      if (this.panels.length > this.purgeAbove) {
        for (const dropped of this.master.purge()) this.keys.delete(panelKey(dropped));
        solution = this.master.solve();
      }
      const outOfTime = options.deadline !== undefined && Date.now() > options.deadline;
      if (outOfTime || (options.maxRounds !== undefined && round > options.maxRounds)) return { solution, proven: false };
      const bar = solution.threshold + tolerance;
      const lambda = this.master.distribution();
      const starts = this.panels
        .map((counts, i) => ({ counts, lambda: lambda[i], value: panelValue(counts, solution.weights) }))
        .filter((p) => p.lambda > 1e-12)
        .sort((a, b) => b.value - a.value)
        .slice(0, HEURISTIC_STARTS);
      let added = 0;
      const order = typesByWeight(solution.weights);
      for (const start of starts) {
        const improved = improvePanel(this.problem, start.counts, solution.weights, order);
        if (improved.value > bar && this.add(improved.counts)) added++;
      }
      if (added) continue;
      const best = this.search.best(solution.weights);
      if (!best || best.value <= bar || !this.add(best.counts)) return { solution, proven: true };
    }
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
    const best = search.best(weights);
    if (!best || best.value <= 0) break;
    take(best.counts);
    last = best.counts;
  }
  return { covered, panels };
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

export function findDistribution(
  highs: Highs,
  problem: SelectionProblem,
  search: PanelSearch,
  active: number[],
  initial: Int32Array[],
  options: DistributionOptions,
): Distribution {
  const generation = new ColumnGeneration(problem, search, highs, active, initial);
  let complete = true;
  try {
    let { solution } = generation.converge(TOLERANCE);
    // Read before fixing: once a type is fixed the model changes and its last solution is gone.
    let weights = generation.distribution();
    if (options.algorithm === 'leximin') {
      const started = Date.now();
      const deadline = started + (options.leximinBudgetSeconds ?? DEFAULT_LEXIMIN_SECONDS) * 1000;
      const unfixed = new Set(active);
      for (;;) {
        // Where the level was proven, types whose bound carries a positive dual cannot rise above it
        // in any optimum; where a level ran out of rounds, fixing them there is the approximation.
        const atLevel = [...unfixed].filter((t) => solution.typeDuals[t] > 1e-9);
        if (!atLevel.length || atLevel.length === unfixed.size) break;
        if (Date.now() > deadline) {
          // The distribution in hand is feasible and no worse than MAXIMIN; later levels stay unrefined.
          complete = false;
          break;
        }
        for (const t of atLevel) {
          generation.fix(t, solution.z - TOLERANCE);
          unfixed.delete(t);
        }
        const level = generation.converge(LEXIMIN_TOLERANCE, { deadline, maxRounds: LEXIMIN_ROUNDS_PER_LEVEL });
        solution = level.solution;
        weights = generation.distribution();
        if (!level.proven) complete = false;
      }
    }
    const typeProbabilities = new Float64Array(problem.types.length);
    generation.panels.forEach((counts, i) => {
      if (weights[i] <= 0) return;
      for (let t = 0; t < counts.length; t++) if (counts[t]) typeProbabilities[t] += (weights[i] * counts[t]) / problem.types[t].members.length;
    });
    return { panels: generation.panels, weights, typeProbabilities, pricingSolves: search.solves, complete };
  } finally {
    generation.dispose();
  }
}
