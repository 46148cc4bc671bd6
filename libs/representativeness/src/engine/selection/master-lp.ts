/*
 * The restricted master of column generation, solved in its dual form (as Flanigan et al. do): each
 * panel found is a cut, so adding one adds a row and the dual simplex re-solves from the previous
 * basis in a handful of iterations. Its variables are the pricing weights themselves:
 *
 *   minimise   zeta - sum_{t fixed} fixed[t] * y[t]
 *   for each panel P:   sum_t y[t] * count_P[t] / size[t]  -  zeta  <= 0
 *                       sum_{t not fixed} y[t] = 1,   y >= 0
 *
 * Its optimum is the best smallest probability z among the unfixed types (LP duality), and the
 * duals of the panel rows are the distribution over panels that achieves it.
 */
import { createModel, Highs, Model, MODEL_STATUS, runModel, solverStep } from './highs-runtime';
import { SelectionProblem } from './person-types';
import { SolverError } from './types';

const DUAL_SIMPLEX = 1;
const PRIMAL_SIMPLEX = 4;
/**
 * A warm-started re-solve takes tens to hundreds of iterations (a few thousand, rarely, on a LEXIMIN
 * level at pool 2,000, N 150); a degenerate level can make the dual simplex stall without end.
 * Counting iterations (not seconds) stops it at the same point on every machine, and solve() then
 * recovers. At 20,000 a stall there cost some 25 s before the recovery.
 */
const ITERATION_LIMIT = 10_000;

export interface MasterSolution {
  /** Smallest probability among the unfixed types. */
  z: number;
  /** Pricing weight per type (y[t] / size[t]): a member's worth in a new panel. */
  weights: Float64Array;
  /** y[t]: positive only where the type's probability is held at its bound. */
  typeDuals: Float64Array;
  /** A new panel improves the distribution only if its weighted value exceeds this (zeta). */
  threshold: number;
}

export class MasterLp {
  private readonly model: Model;
  private readonly colOfType: Int32Array;
  private readonly zetaCol: number;
  private readonly infinity: number;
  readonly panels: Int32Array[] = [];
  /** The level each fixed type is held at, before any relaxation. */
  private readonly fixed = new Map<number, number>();
  /** How far below its level every fixed type is now allowed (grows only when the LP cannot hold the levels). */
  private slack = 0;
  /** LP solves that ended short of optimal and were recovered. */
  recoveries = 0;
  /** Per panel: solves in a row in which it carried no weight and was not binding. */
  private idle: number[] = [];
  /** The distribution of the last solve (duals of the panel rows), kept across purge(). */
  private weights: number[] = [];

  /**
   * `active` types get a variable; the others cannot be on any feasible panel and keep probability 0.
   * `scale` divides a type's expected count: its size by default (so the LP maximises probabilities);
   * a target count instead makes it maximise the smallest share of each target reached.
   */
  constructor(
    highs: Highs,
    private readonly problem: SelectionProblem,
    private readonly active: readonly number[],
    private readonly scale: ArrayLike<number> = problem.types.map((type) => type.members.length),
  ) {
    this.colOfType = new Int32Array(problem.types.length).fill(-1);
    active.forEach((t, i) => (this.colOfType[t] = i));
    this.zetaCol = active.length;
    this.infinity = highs.infinity;
    const n = active.length;
    this.model = createModel(
      highs,
      {
        numCols: n + 1,
        numRows: 1,
        colCost: [...new Array<number>(n).fill(0), 1],
        colLower: [...new Array<number>(n).fill(0), -highs.infinity],
        colUpper: [...new Array<number>(n).fill(highs.infinity), highs.infinity],
        rowLower: [1],
        rowUpper: [1],
        matrix: { format: 'csr', numRows: 1, numCols: n + 1, starts: [0, n], indices: active.map((_, i) => i), values: active.map(() => 1) },
      },
      'distribution LP',
      { solver: 'simplex', presolve: 'off', simplex_strategy: DUAL_SIMPLEX, simplex_iteration_limit: ITERATION_LIMIT },
    );
  }

  /** Adds panels as rows in one call, so the next solve starts from the current basis once. */
  addPanels(panels: readonly Int32Array[]): void {
    if (!panels.length) return;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const counts of panels) {
      for (const t of this.active) {
        if (counts[t] > 0) {
          indices.push(this.colOfType[t]);
          values.push(counts[t] / this.scale[t]);
        }
      }
      indices.push(this.zetaCol);
      values.push(-1);
      starts.push(indices.length);
    }
    const k = panels.length;
    solverStep('adding panels to the distribution LP', () =>
      this.model.addRows({
        lower: new Float64Array(k).fill(-this.infinity),
        upper: new Float64Array(k),
        matrix: { format: 'csr', numRows: k, numCols: this.active.length + 1, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
      }),
    );
    this.panels.push(...panels);
  }

  /** Holds a type at (at least) `probability` and takes it out of the minimum being maximised. */
  fixType(t: number, probability: number): void {
    const col = this.colOfType[t];
    this.fixed.set(t, probability);
    solverStep('fixing a probability', () => {
      this.model.changeCoefficient(0, col, 0);
      this.model.changeColCost(col, -Math.max(0, probability - this.slack));
    });
  }

  private relaxFixed(slack: number): void {
    this.slack = slack;
    solverStep('relaxing fixed probabilities', () => {
      for (const [t, probability] of this.fixed) this.model.changeColCost(this.colOfType[t], -Math.max(0, probability - slack));
    });
  }

  /**
   * Solves, recovering from what floating point can do to a long LEXIMIN: a fixed level a hair
   * above what the panels can hold makes this dual unbounded (HiGHS status 10) or unsure (9), and a
   * degenerate level can make the dual simplex stall (stopped by the iteration limit). Recovery, in
   * order: a cold start from a fresh basis; the primal simplex from a fresh basis; then the fixed
   * levels lowered by 1e-9, 1e-8, ... up to 1e-5 (a hundredth of a ticket in 1,000), as Flanigan et
   * al.'s own implementation lowers them. Each step is deterministic, so every machine takes the
   * same path.
   */
  solve(): MasterSolution {
    let status = runModel(this.model, 'distribution LP');
    if (status !== MODEL_STATUS.optimal) {
      this.recoveries++;
      const fresh = (strategy: number) => {
        solverStep('resetting the distribution LP', () => {
          this.model.options.set({ simplex_strategy: strategy });
          this.model.clearSolver();
        });
        return runModel(this.model, 'distribution LP');
      };
      status = fresh(DUAL_SIMPLEX);
      if (status !== MODEL_STATUS.optimal) status = fresh(PRIMAL_SIMPLEX);
      for (let slack = Math.max(this.slack * 10, 1e-9); status !== MODEL_STATUS.optimal && this.fixed.size && slack <= 1e-5 + 1e-18; slack *= 10) {
        this.relaxFixed(slack);
        status = fresh(PRIMAL_SIMPLEX);
      }
      solverStep('restoring the dual simplex', () => this.model.options.set({ simplex_strategy: DUAL_SIMPLEX }));
    }
    if (status !== MODEL_STATUS.optimal) throw new SolverError(`HiGHS stopped on the distribution LP with status ${status}, even from a fresh basis with the fixed levels relaxed`);
    const solution = solverStep('reading the distribution LP', () => this.model.getSolution());
    this.weights = Array.from(solution.rowDual.subarray(1), (d) => Math.max(0, -d));
    for (let p = 0; p < this.panels.length; p++) this.idle[p] = this.weights[p] > 1e-12 || solution.rowValue[p + 1] >= -1e-9 ? 0 : (this.idle[p] ?? 0) + 1;
    const T = this.problem.types.length;
    const weights = new Float64Array(T);
    const typeDuals = new Float64Array(T);
    for (const t of this.active) {
      const y = Math.max(0, solution.colValue[this.colOfType[t]]);
      typeDuals[t] = y;
      weights[t] = y / this.scale[t];
    }
    const zeta = solution.colValue[this.zetaCol];
    return { z: this.model.getObjectiveValue(), weights, typeDuals, threshold: zeta };
  }

  /**
   * Drops the panels that have carried no weight and not been binding for `minIdle` solves in a
   * row, so the LP stays small as thousands of panels are tried; returns them. The last solution
   * stays optimal without them (their rows were slack), so no re-solve is needed: the next solve
   * starts from the same basis. Call between solve() and the next change to the model.
   */
  purge(minIdle: number): Int32Array[] {
    const drop: number[] = [];
    for (let p = 0; p < this.panels.length; p++) if (this.idle[p] >= Math.max(1, minIdle)) drop.push(p);
    if (!drop.length) return [];
    solverStep('dropping unused panels', () => this.model.deleteRows({ kind: 'set', indices: drop.map((p) => p + 1) }));
    const dropped = new Set(drop);
    const keep = (_: unknown, p: number) => !dropped.has(p);
    const removed = this.panels.filter((_, p) => dropped.has(p));
    const kept = this.panels.filter(keep);
    this.panels.length = 0;
    this.panels.push(...kept);
    this.idle = this.idle.filter(keep);
    this.weights = this.weights.filter(keep);
    return removed;
  }

  /** The distribution over the panels in the LP (in the order added) from the last solve: the duals of their rows. */
  distribution(): number[] {
    const total = this.weights.reduce((a, b) => a + b, 0);
    return total > 0 ? this.weights.map((w) => w / total) : [...this.weights];
  }

  dispose(): void {
    this.model.dispose();
  }
}
