/*
 * MAXIMIN and LEXIMIN distributions over panels by column generation (Flanigan et al., Nature
 * 2021), on types rather than people. Pricing tries cheap swap improvements of the panels in use
 * first and falls back to the exact panel ILP, which is also what proves convergence.
 */
import { MasterLp, MasterSolution } from './master-lp';
import { improvePanel, panelKey, panelValue } from './panel-improvement';
import { PanelSearch } from './panel-search';
import { SelectionProblem } from './person-types';
import { Highs } from './highs-runtime';
import { SelectionAlgorithm } from './types';

/** Probabilities are optimal to within this (a millionth of a chance). */
const TOLERANCE = 1e-7;
/** How many panels in use are offered to the swap heuristic each round. */
const HEURISTIC_STARTS = 30;

export interface Distribution {
  panels: Int32Array[];
  weights: number[];
  /** Selection probability of a member of each type. */
  typeProbabilities: Float64Array;
  pricingSolves: number;
  /** False when LEXIMIN ran out of its time budget and the remaining types kept their MAXIMIN-level guarantee. */
  complete: boolean;
}

export interface DistributionOptions {
  algorithm: SelectionAlgorithm;
  /** LEXIMIN only: stop refining after this many seconds. */
  leximinBudgetSeconds?: number;
}

class ColumnGeneration {
  private readonly keys = new Set<string>();
  private readonly master: MasterLp;

  constructor(
    private readonly problem: SelectionProblem,
    private readonly search: PanelSearch,
    highs: Highs,
    private readonly active: number[],
    initial: Int32Array[],
  ) {
    this.master = new MasterLp(highs, problem, active);
    for (const panel of initial) this.add(panel);
  }

  get panels(): Int32Array[] {
    return this.master.panels;
  }

  add(counts: Int32Array): boolean {
    const key = panelKey(counts);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.master.addPanel(counts);
    return true;
  }

  /** Re-solves the master and adds improving panels until none exists; returns the final master solution. */
  converge(): MasterSolution {
    for (;;) {
      const solution = this.master.solve();
      const bar = solution.threshold + TOLERANCE;
      const lambda = this.master.distribution();
      const starts = this.panels
        .map((counts, i) => ({ counts, lambda: lambda[i], value: panelValue(counts, solution.weights) }))
        .filter((p) => p.lambda > 1e-12)
        .sort((a, b) => b.value - a.value)
        .slice(0, HEURISTIC_STARTS);
      let added = 0;
      for (const start of starts) {
        const improved = improvePanel(this.problem, start.counts, solution.weights);
        if (improved.value > bar && this.add(improved.counts)) added++;
      }
      if (added) continue;
      const best = this.search.best(solution.weights);
      if (!best || best.value <= bar || !this.add(best.counts)) return solution;
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
  let current = seeds[0];
  for (let i = 0; i < rounds; i++) {
    const improved = improvePanel(problem, current, weights);
    panels.push(improved.counts);
    for (let t = 0; t < T; t++) if (improved.counts[t] > 0) weights[t] *= Math.pow(0.8, improved.counts[t] / problem.types[t].members.length) * 0.9;
    const total = weights.reduce((a, b) => a + b, 0);
    for (let t = 0; t < T; t++) weights[t] /= total;
    current = seeds[(i + 1) % seeds.length];
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
    let solution = generation.converge();
    // Read before fixing: once a type is fixed the model changes and its last solution is gone.
    let weights = generation.distribution();
    if (options.algorithm === 'leximin') {
      const started = Date.now();
      const budget = (options.leximinBudgetSeconds ?? 120) * 1000;
      const unfixed = new Set(active);
      for (;;) {
        // Types whose bound carries a positive dual cannot rise above this level in any optimum.
        const atLevel = [...unfixed].filter((t) => solution.typeDuals[t] > 1e-9);
        if (!atLevel.length || atLevel.length === unfixed.size) break;
        if (Date.now() - started > budget) {
          complete = false;
          break;
        }
        for (const t of atLevel) {
          generation.fix(t, solution.z - TOLERANCE);
          unfixed.delete(t);
        }
        solution = generation.converge();
        weights = generation.distribution();
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
