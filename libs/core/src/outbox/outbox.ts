import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JOB_NAMES, QueueName } from '../queues/queues';
import { Tenancy } from '../tenancy/tenancy';

/** Work to be done once the action that asked for it has committed. The payload holds ids, never personal data. */
export interface StagedJob {
  queue: QueueName;
  jobName: string;
  /** Deterministic (e.g. `application-confirmation-<id>`), so relaying the same row twice adds one job. */
  jobId: string;
  payload: Record<string, unknown>;
}

export interface RelayResult {
  relayed: number;
  /** Rows left pending because the queue could not be reached; the scheduled sweep tries again. */
  pending: number;
}

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
}

/** How long one enqueue may take before the relay gives up and leaves the row for the sweep. */
const ENQUEUE_TIMEOUT_MS = 3_000;
const BATCH = 500;
/** Well inside the day BullMQ keeps finished jobs, so a job missing from Redis was lost, not trimmed. */
const RECOVERY_WINDOW_MINUTES = 60;

/**
 * The transactional outbox: a job is first a row written in the same transaction as the action
 * that needs it, then relayed to BullMQ. A crash or a Redis outage between the commit and the
 * enqueue leaves the row pending, and the scheduled sweep relays it later; nothing is lost.
 */
/** One organisation's relays after requests: the one running, and the one its latecomers wait for. */
interface RelayState {
  running: Promise<void> | null;
  next: Promise<void> | null;
}

@Injectable()
export class Outbox {
  private readonly logger = new Logger(Outbox.name);
  private readonly relays = new Map<string, RelayState>();
  constructor(
    private readonly tenancy: Tenancy,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Inside the caller's transaction: the job exists if and only if the action committed. */
  async stage(manager: EntityManager, organisationId: string, job: StagedJob): Promise<void> {
    assertRelayable(job);
    await manager.query(`INSERT INTO outbox (organisation_id, queue, job_name, job_id, payload) VALUES ($1, $2, $3, $4, $5)`, [
      organisationId,
      job.queue,
      job.jobName,
      job.jobId,
      JSON.stringify(job.payload),
    ]);
  }

  /**
   * Moves one organisation's pending rows to their queues and marks them relayed. Rows are locked
   * with SKIP LOCKED, so the relay after a request and the scheduled sweep never add the same row at
   * the same moment; should they ever, the deterministic job id makes the second add a no-op. Each
   * queue's rows go to Redis in one bulk add (one round trip, not one per row); a queue that cannot
   * be reached leaves its rows pending for the sweep, while the other queues' rows are marked.
   */
  relay(organisationId: string): Promise<RelayResult> {
    return this.tenancy.run(organisationId, async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_name, job_id, payload FROM outbox
         WHERE organisation_id = $1 AND relayed_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [organisationId],
      );
      const relayed: string[] = [];
      for (const [name, queued] of byQueue(rows)) {
        try {
          await withTimeout(this.queue(name).addBulk(queued.map((row) => ({ name: row.job_name, data: row.payload, opts: { jobId: row.job_id } }))), ENQUEUE_TIMEOUT_MS);
          relayed.push(...queued.map((row) => row.id));
        } catch (error) {
          this.logger.warn(`Outbox: ${queued.length} ${name} job(s) of organisation ${organisationId} left for the next sweep (${(error as Error).message})`);
        }
      }
      if (relayed.length) {
        await manager.query(`UPDATE outbox SET relayed_at = now() WHERE organisation_id = $1 AND id = ANY($2::bigint[])`, [organisationId, relayed]);
      }
      return { relayed: relayed.length, pending: rows.length - relayed.length };
    });
  }

  /**
   * After a request commits: never fails the request, since the sweep relays whatever this misses.
   * Requests that commit while a relay of their organisation is under way wait for the one after it
   * (which reads their rows, committed by then) instead of each running its own: at most one relay
   * runs and one waits per organisation in this process, so a busy public form pays for a relay
   * now and then rather than one per application.
   */
  relaySoon(organisationId: string): Promise<void> {
    const state = this.relays.get(organisationId) ?? { running: null, next: null };
    this.relays.set(organisationId, state);
    if (!state.running) return (state.running = this.relayOnce(organisationId, state));
    state.next ??= state.running.then(() => {
      state.next = null;
      return (state.running = this.relayOnce(organisationId, state));
    });
    return state.next;
  }

  private async relayOnce(organisationId: string, state: RelayState): Promise<void> {
    try {
      await this.relay(organisationId);
    } catch (error) {
      this.logger.warn(`Outbox: relay for organisation ${organisationId} deferred to the sweep (${(error as Error).message})`);
    } finally {
      state.running = null;
      if (!state.next) this.relays.delete(organisationId);
    }
  }

  /**
   * The scheduled sweep. Only organisations with pending rows are visited, found through a narrow
   * SECURITY DEFINER function, so its cost follows the work waiting rather than the number of tenants.
   */
  async relayAll(): Promise<RelayResult & { organisations: number }> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM outbox_pending_organisation_ids() AS id`);
    const total = { organisations: rows.length, relayed: 0, pending: 0 };
    for (const { id } of rows) {
      const result = await this.relay(id);
      total.relayed += result.relayed;
      total.pending += result.pending;
    }
    return total;
  }

  /**
   * Redis can lose a job after it was relayed (a flush, a failover that dropped writes). BullMQ keeps
   * finished jobs for a day, so a row relayed within the last hour whose job Redis no longer has was
   * lost: it is added again. Should the job have finished and been trimmed already, the job's own
   * idempotency (the delivery log for email) makes the rerun do nothing.
   */
  async recover(organisationId: string): Promise<{ checked: number; requeued: number }> {
    const rows = await this.tenancy.run(organisationId, (manager): Promise<OutboxRow[]> =>
      manager.query(
        `SELECT id, queue, job_name, job_id, payload FROM outbox
         WHERE organisation_id = $1 AND relayed_at >= now() - make_interval(mins => ${RECOVERY_WINDOW_MINUTES}) ORDER BY id`,
        [organisationId],
      ),
    );
    let requeued = 0;
    for (const row of rows) {
      const queue = this.queue(row.queue);
      if (await withTimeout(queue.getJob(row.job_id), ENQUEUE_TIMEOUT_MS)) continue;
      await withTimeout(queue.add(row.job_name, row.payload, { jobId: row.job_id }), ENQUEUE_TIMEOUT_MS);
      requeued += 1;
    }
    if (requeued) this.logger.warn(`Outbox: ${requeued} relayed job(s) of organisation ${organisationId} were missing from Redis and were added again`);
    return { checked: rows.length, requeued };
  }

  /** The scheduled recovery sweep over every organisation that relayed something within the window. */
  async recoverAll(): Promise<{ organisations: number; checked: number; requeued: number }> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM outbox_recently_relayed_organisation_ids(now() - make_interval(mins => ${RECOVERY_WINDOW_MINUTES})) AS id`);
    const total = { organisations: rows.length, checked: 0, requeued: 0 };
    for (const { id } of rows) {
      const result = await this.recover(id);
      total.checked += result.checked;
      total.requeued += result.requeued;
    }
    return total;
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

/** A row BullMQ would refuse would block its organisation's outbox for ever, so it is refused here instead. */
function assertRelayable(job: StagedJob): void {
  if (!JOB_NAMES[job.queue]?.includes(job.jobName)) throw new Error(`Outbox: ${job.queue}/${job.jobName} is not a declared job`);
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(job.jobId) || /^\d+$/.test(job.jobId)) {
    throw new Error(`Outbox: job id ${JSON.stringify(job.jobId)} must be letters, digits, dots, dashes or underscores (and not a bare number)`);
  }
}

/** Rows per queue, each queue's in the order they were staged. */
function byQueue(rows: OutboxRow[]): Map<QueueName, OutboxRow[]> {
  const queues = new Map<QueueName, OutboxRow[]>();
  for (const row of rows) {
    const queued = queues.get(row.queue);
    if (queued) queued.push(row);
    else queues.set(row.queue, [row]);
  }
  return queues;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
