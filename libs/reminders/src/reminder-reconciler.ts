import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { PlatformOrganisations } from '@steppingstone/organisations';
import { SESSION_TOMORROW, SessionReminderJob, sessionReminderJobId } from './session-reminders/session-reminder';
import { SessionReminders } from './session-reminders/session-reminders';

export const RECONCILE_REMINDERS = 'reconcile-reminders';

/** Large enough to keep round trips few, small enough that one call never blocks Redis for long. */
const ENQUEUE_CHUNK = 500;

export interface ReconcileResult {
  organisations: number;
  due: number;
  failedOrganisations: number;
}

/**
 * Re-derives every reminder due now from PostgreSQL and enqueues each under its deterministic job
 * id: a job Redis still holds is not added twice, and one Redis lost (a flush, a failover, a worker
 * killed with it in hand) is added again. The delivery log makes a rerun of a sent one a no-op.
 */
@Injectable()
export class ReminderReconciler {
  private readonly logger = new Logger(ReminderReconciler.name);
  constructor(
    private readonly organisations: PlatformOrganisations,
    private readonly sessionReminders: SessionReminders,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  /** One organisation's trouble (a bad time zone, a lock) must not hold back the others' reminders. */
  async reconcileAll(at = new Date()): Promise<ReconcileResult> {
    const ids = await this.organisations.ids();
    const result: ReconcileResult = { organisations: ids.length, due: 0, failedOrganisations: 0 };
    let firstError: unknown;
    for (const id of ids) {
      try {
        result.due += await this.reconcile(id, at);
      } catch (error) {
        result.failedOrganisations += 1;
        firstError ??= error;
        this.logger.error({ organisationId: id, err: error }, 'reminders could not be reconciled for an organisation');
      }
    }
    // Failing the job makes BullMQ retry it with backoff; the organisations that succeeded cost one query each again.
    if (firstError) throw firstError;
    return result;
  }

  async reconcile(organisationId: string, at = new Date()): Promise<number> {
    const due = await this.sessionReminders.due(organisationId, at);
    for (let i = 0; i < due.length; i += ENQUEUE_CHUNK) {
      await this.queue.addBulk(due.slice(i, i + ENQUEUE_CHUNK).map((job: SessionReminderJob) => ({ name: SESSION_TOMORROW, data: job, opts: { jobId: sessionReminderJobId(job) } })));
    }
    return due.length;
  }
}
