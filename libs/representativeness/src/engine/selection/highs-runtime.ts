/*
 * The HiGHS WebAssembly runtime, loaded once per process. Models are persistent (built from sparse
 * arrays, changed in place and re-solved) so column generation reuses bases instead of re-parsing
 * LP text every iteration. Every native failure becomes a SolverError naming what was being solved.
 */
import highsLoader from 'highs';
import type { Highs, HighsCallbackMap, Model, ModelData, ModelStatusCode } from 'highs';
import { SolverError } from './types';

export type { Highs, Model, ModelData };

let runtime: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  runtime ??= highsLoader().catch((error: unknown) => {
    runtime = undefined;
    throw new SolverError(`The HiGHS solver could not be loaded: ${(error as Error).message ?? error}`, error);
  });
  return runtime;
}

/** Forgets the runtime after a native failure, so the next selection starts from a fresh instance. */
export function discardHighs(): void {
  runtime = undefined;
}

/** Loads the solver ahead of the first selection (e.g. at service start), so no request pays for it. */
export async function preloadSolver(): Promise<void> {
  await loadHighs();
}

/** Quiet, deterministic settings shared by every model. */
const COMMON_OPTIONS = { output_flag: false, log_to_console: false, random_seed: 0 } as const;

export function createModel(highs: Highs, data: ModelData, what: string, options: Record<string, number | string | boolean> = {}): Model {
  let model: Model | undefined;
  try {
    model = highs.createModel(data);
    model.options.set({ ...COMMON_OPTIONS, ...options });
    return model;
  } catch (error) {
    model?.dispose();
    throw new SolverError(`HiGHS could not build the ${what}: ${(error as Error).message}`, error);
  }
}

/** Runs a model; returns its model status. Native errors (not infeasibility) throw SolverError. */
export function runModel(model: Model, what: string, callbacks?: HighsCallbackMap): ModelStatusCode {
  try {
    return model.run(callbacks).modelStatus;
  } catch (error) {
    throw new SolverError(`HiGHS failed while solving the ${what}: ${(error as Error).message}`, error);
  }
}

/** Wraps any other call into the model so a WASM error names the step. */
export function solverStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof SolverError) throw error;
    throw new SolverError(`HiGHS failed while ${what}: ${(error as Error).message}`, error);
  }
}

export interface SparseColumns {
  starts: number[];
  indices: number[];
  values: number[];
}

/** Builds CSC arrays from a list of columns, each a list of [row, value] pairs. */
export function cscFrom(columns: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): SparseColumns {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of columns) {
    for (const [row, value] of [...column].sort((a, b) => a[0] - b[0])) {
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
  }
  return { starts, indices, values };
}

export const MODEL_STATUS = {
  optimal: 7 as ModelStatusCode,
  infeasible: 8 as ModelStatusCode,
  timeLimit: 13 as ModelStatusCode,
  interrupted: 17 as ModelStatusCode,
  solutionLimit: 16 as ModelStatusCode,
};
