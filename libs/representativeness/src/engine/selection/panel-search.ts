/*
 * The panel ILP: integer counts per type, the panel size, and every quota row. One persistent
 * HiGHS model answers "the feasible panel of greatest weight" for changing weights; only the
 * objective changes between solves, and the previous best panel is offered as a starting solution.
 */
import { createModel, cscFrom, Highs, Model, MODEL_STATUS, runModel, solverStep } from './highs-runtime';
import { panelValue } from './panel-improvement';
import { SelectionProblem } from './person-types';
import { SolverError } from './types';

export interface WeightedPanel {
  counts: Int32Array;
  value: number;
}

export class PanelSearch {
  private readonly model: Model;
  private readonly typeCount: number;
  private incumbent?: Int32Array;
  solves = 0;

  constructor(
    private readonly highs: Highs,
    private readonly problem: SelectionProblem,
  ) {
    const T = problem.types.length;
    this.typeCount = T;
    const columns = problem.types.map((type) => [[0, 1] as const, ...type.rows.map((r) => [r + 1, 1] as const)]);
    const matrix = cscFrom(columns);
    this.model = createModel(
      highs,
      {
        numCols: T,
        numRows: problem.rows.length + 1,
        sense: highs.constants.objectiveSense.maximize,
        colCost: new Array<number>(T).fill(0),
        colLower: new Array<number>(T).fill(0),
        colUpper: problem.types.map((t) => t.members.length),
        rowLower: [problem.panelSize, ...problem.rows.map((r) => r.min)],
        rowUpper: [problem.panelSize, ...problem.rows.map((r) => r.max)],
        matrix: { format: 'csc', numRows: problem.rows.length + 1, numCols: T, ...matrix },
        integrality: new Array(T).fill(highs.constants.variableType.integer),
      },
      'panel model',
      { mip_rel_gap: 1e-7, mip_abs_gap: 1e-9 },
    );
  }

  /**
   * The feasible panel maximising sum weights[t] x count[t], or undefined when no panel meets the
   * quotas. With `extra`, the other feasible panels HiGHS finds during the search that are worth
   * more than `extra.above` are collected too, in the order found.
   */
  best(weights: ArrayLike<number>, extra?: { above: number; into: Int32Array[] }): WeightedPanel | undefined {
    const T = this.typeCount;
    solverStep('setting panel weights', () => this.model.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, Float64Array.from(weights as ArrayLike<number>)));
    if (this.incumbent) {
      const start = this.incumbent;
      solverStep('offering a starting panel', () => this.model.setSolution({ colValue: Float64Array.from(start) }));
    }
    this.solves++;
    const callbacks = extra
      ? {
          [this.highs.constants.callbackType.mipSolution]: (event: { data: { mip_solution?: ArrayLike<number> } }) => {
            const x = event.data.mip_solution;
            if (!x) return undefined;
            const counts = Int32Array.from({ length: T }, (_, t) => Math.round(x[t]));
            if (panelValue(counts, weights) > extra.above) extra.into.push(counts);
            return undefined;
          },
        }
      : undefined;
    const status = runModel(this.model, 'panel model', callbacks);
    if (status === MODEL_STATUS.infeasible) return undefined;
    if (status !== MODEL_STATUS.optimal) throw new SolverError(`HiGHS stopped on the panel model with status ${status}`);
    const values = solverStep('reading the panel', () => this.model.getSolution().colValue);
    const counts = new Int32Array(T);
    let value = 0;
    for (let t = 0; t < T; t++) {
      counts[t] = Math.round(values[t]);
      value += counts[t] * weights[t];
    }
    this.incumbent = counts;
    return { counts, value };
  }

  dispose(): void {
    this.model.dispose();
  }
}
