import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Actor, AuditLog, DomainError, QueueName, Role, Tenancy } from '@steppingstone/core';
import { RUN_SELECTION, RunSelectionJob, runSelectionJobId } from './selection-jobs';
import { asDomainError, currentFingerprint, loadSelectionProblem, outcomeValues, poolChanged, SelectionProblem, SettledRequest } from './selection-problem';
import { markFailed, markRetrying, markStage, storeOutcome } from './selection-store';
import { SolverThread } from './solver-thread';

export type SelectionRunOutcome = 'done' | 'failed' | 'already-finished' | 'not-found';

interface Claimed {
  intakeId: string;
  request: SettledRequest;
  createdBy: string | null;
}

/**
 * The worker's side of a selection on a large pool: the same three steps as one answered at once
 * (read, solve with no connection held, store after checking the pool), with the row saying which
 * step it is on. Idempotent: a selection already done or failed is left alone, so a duplicate job
 * or one re-enqueued by the reconciler does nothing; a worker that died mid-solve leaves the row
 * running, and the job's retry (or the reconciler, if Redis lost the job) runs it again from the start.
 */
@Injectable()
export class SelectionRuns {
  private readonly logger = new Logger(SelectionRuns.name);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly solver: SolverThread,
    @InjectQueue(QueueName.Selections) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run({ organisationId: org, selectionId: id }: RunSelectionJob, finalAttempt: boolean): Promise<SelectionRunOutcome> {
    const claimed = await this.tenancy.run(org, async (manager): Promise<Claimed | SelectionRunOutcome> => {
      const [row] = await manager.query(`SELECT status, intake_id AS "intakeId", request, created_by AS "createdBy" FROM selections WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [org, id]);
      if (!row) return 'not-found';
      if (row.status === 'done' || row.status === 'failed') return 'already-finished';
      await manager.query(`UPDATE selections SET status = 'running', stage = 'loading', attempts = attempts + 1, started_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2`, [
        org,
        id,
      ]);
      return row as Claimed;
    });
    if (typeof claimed === 'string') return claimed;

    try {
      const problem = await this.tenancy.run(org, async (manager) => {
        const loaded = await loadSelectionProblem(manager, org, claimed.intakeId, claimed.request);
        await markStage(manager, org, id, 'solving');
        return loaded;
      });
      const result = await this.solver.solve(problem.input);
      return await this.tenancy.run(org, async (manager) => {
        const [{ status }] = await manager.query(`SELECT status FROM selections WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [org, id]);
        if (status !== 'running') return 'already-finished';
        if ((await currentFingerprint(manager, org, claimed.intakeId, problem, claimed.request.referenceDate)) !== problem.fingerprint) throw poolChanged();
        await storeOutcome(manager, org, id, problem.input.respondents.length, outcomeValues(problem, result));
        await this.audit.record(manager, selectionActor(org, id, claimed.createdBy), { action: 'selection.run', entityType: 'selection', entityId: id, details: details(claimed, problem) });
        return 'done';
      });
    } catch (caught) {
      const error = asDomainError(caught);
      // A refusal (bad input, quotas that cannot all be met, a pool that changed) will not change on a
      // retry; anything else (the database away) is retried, and recorded as failed only at the last attempt.
      if (error instanceof DomainError || finalAttempt) {
        await this.tenancy.run(org, (manager) => markFailed(manager, org, id, failure(error)));
        if (error instanceof DomainError) return 'failed';
      } else {
        await this.tenancy.run(org, (manager) => markRetrying(manager, org, id, failure(error))).catch(() => undefined);
      }
      throw error;
    }
  }

  /**
   * PostgreSQL says which selections are waiting; Redis may have lost their jobs (a restart without
   * persistence, a flush). Each queued or running selection whose job Redis no longer holds, or holds
   * only as finished, is enqueued again under its own job id.
   */
  async reconcileAll(): Promise<{ organisations: number; requeued: number }> {
    const organisations: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM selections_unfinished_organisation_ids() AS id`);
    let requeued = 0;
    for (const { id: org } of organisations) {
      const ids: Array<{ id: string }> = await this.tenancy.run(org, (manager) =>
        manager.query(`SELECT id FROM selections WHERE organisation_id = $1 AND status IN ('queued', 'running') ORDER BY created_at`, [org]),
      );
      for (const { id } of ids) {
        const jobId = runSelectionJobId(id);
        const job = await this.queue.getJob(jobId);
        if (job && !(await job.isCompleted()) && !(await job.isFailed())) continue;
        await job?.remove();
        await this.queue.add(RUN_SELECTION, { organisationId: org, selectionId: id } satisfies RunSelectionJob, { jobId });
        requeued += 1;
      }
    }
    if (requeued) this.logger.warn(`${requeued} waiting selection(s) had no job in Redis and were enqueued again`);
    return { organisations: organisations.length, requeued };
  }
}

function details(claimed: Claimed, problem: SelectionProblem): Record<string, unknown> {
  const { panelSize, seed, algorithm } = claimed.request;
  return { intakeId: claimed.intakeId, panelSize, poolSize: problem.input.respondents.length, seed, algorithm };
}

function failure(error: unknown): Record<string, unknown> {
  if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details, ...error.extra };
  return { code: 'SELECTION_ERROR', message: (error as Error)?.message ?? String(error), details: [] };
}

/** The audit log names the coordinator who asked; the request id names the selection, since no request of theirs is running. */
function selectionActor(organisationId: string, selectionId: string, userId: string | null): Actor {
  return { userId: userId ?? (null as unknown as string), organisationId, role: Role.Coordinator, sessionId: '', requestId: `selection:${selectionId}` };
}
