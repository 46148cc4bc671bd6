import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SelectionInfeasibleError, SelectionInput, SelectionResult, SelectionValidationError } from '../engine/selection/types';
import type { SolveReply, SolveRequest } from './solver-thread.entry';

interface Pending {
  resolve: (result: SelectionResult) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the solver on a thread of its own. A solve is seconds (LEXIMIN: tens of seconds) of CPU with
 * no await in it; on the main thread it would stop the process answering requests, renewing its
 * queue locks and running its other jobs for that long. One thread per process, one solve at a
 * time: solves queue here rather than competing for the same cores.
 */
@Injectable()
export class SolverThread implements OnApplicationShutdown {
  private readonly logger = new Logger(SolverThread.name);
  private thread?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  solve(input: SelectionInput): Promise<SelectionResult> {
    const run = this.queue.then(() => this.send(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async onApplicationShutdown(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.terminate();
  }

  private send(input: SelectionInput): Promise<SelectionResult> {
    const thread = this.started();
    const id = this.nextId++;
    return new Promise<SelectionResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      thread.ref();
      thread.postMessage({ id, input } satisfies SolveRequest);
    });
  }

  private started(): Worker {
    if (this.thread) return this.thread;
    const thread = spawnThread();
    thread.on('message', (reply: SolveReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!this.pending.size) thread.unref();
      if (!pending) return;
      if ('result' in reply) return pending.resolve(reply.result);
      const error = reply.error;
      if (error.kind === 'validation') pending.reject(new SelectionValidationError(error.issues));
      else if (error.kind === 'infeasible') pending.reject(new SelectionInfeasibleError(error.explanation));
      else pending.reject(Object.assign(new Error(error.message), { name: error.name }));
    });
    // A thread that dies takes its solves with it; the next solve starts a fresh one.
    const fail = (error: Error) => {
      if (this.thread === thread) this.thread = undefined;
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.reject(error);
      }
    };
    thread.on('error', (error) => {
      this.logger.error({ err: error }, `solver thread failed: ${error.message}`);
      fail(error);
    });
    thread.on('exit', (code) => fail(new Error(`The solver thread stopped (exit code ${code})`)));
    thread.unref();
    this.thread = thread;
    return thread;
  }
}

/** The compiled entry beside this file; from TypeScript sources (tests, ts-node) it is compiled as it loads. */
function spawnThread(): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `solver-thread.entry${extension}`);
  if (extension === '.js') return new Worker(entry);
  const bootstrap = `require('ts-node').register({ transpileOnly: true, projectSearchDir: ${JSON.stringify(__dirname)} }); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true });
}
