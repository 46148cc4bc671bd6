/*
 * The solver's own thread: receives a selection's input, answers its result or its error as plain
 * data (class instances do not cross a thread boundary, so the errors are rebuilt on the other side).
 * Only relative imports, so the thread can load this file without the application's path aliases.
 */
import { parentPort } from 'node:worker_threads';
import { selectPanel } from '../engine/selection/select-panel';
import { SelectionInfeasibleError, SelectionInput, SelectionValidationError } from '../engine/selection/types';

export interface SolveRequest {
  id: number;
  input: SelectionInput;
}

export type SolveReply =
  | { id: number; result: Awaited<ReturnType<typeof selectPanel>> }
  | {
      id: number;
      error:
        | { kind: 'validation'; issues: SelectionValidationError['issues'] }
        | { kind: 'infeasible'; explanation: SelectionInfeasibleError['explanation'] }
        | { kind: 'other'; name: string; message: string };
    };

parentPort?.on('message', ({ id, input }: SolveRequest) => {
  selectPanel(input).then(
    (result) => parentPort!.postMessage({ id, result } satisfies SolveReply),
    (error: unknown) => {
      if (error instanceof SelectionValidationError) return parentPort!.postMessage({ id, error: { kind: 'validation', issues: error.issues } } satisfies SolveReply);
      if (error instanceof SelectionInfeasibleError) return parentPort!.postMessage({ id, error: { kind: 'infeasible', explanation: error.explanation } } satisfies SolveReply);
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      parentPort!.postMessage({ id, error: { kind: 'other', name, message } } satisfies SolveReply);
    },
  );
});
