import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { CLAIM_STALE_AFTER_SECONDS, DeliveryInProgressError, DeliveryLog, isPermanentDeliveryFailure } from '@steppingstone/notifications';
import { RECONCILE_REMINDERS, ReminderReconciler, SESSION_TOMORROW, SessionReminderJob, SessionReminders } from '@steppingstone/reminders';
import { JobHandlers } from '../jobs/job-handlers';

/**
 * Each send spends most of its time waiting on PostgreSQL and the SMTP server, so several run at
 * once; kept within what the database pool (and a mail server's per-client limits) absorb.
 */
const CONCURRENCY = 16;

@Processor(QueueName.Reminders, { concurrency: CONCURRENCY })
export class RemindersProcessor extends JobHandlers {
  readonly queue = QueueName.Reminders;
  readonly handlers = {
    [RECONCILE_REMINDERS]: () => this.reconciler.reconcileAll(),
    [SESSION_TOMORROW]: (job: Job<SessionReminderJob>) => this.sessionTomorrow(job),
  };

  constructor(
    private readonly reconciler: ReminderReconciler,
    private readonly sessionReminders: SessionReminders,
    private readonly deliveries: DeliveryLog,
  ) {
    super();
  }

  /**
   * BullMQ reports here what it cannot pin on a job, such as finishing one whose keys Redis lost
   * meanwhile; the reconciler puts such reminders back, so this is logged rather than left unheard.
   */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn({ queue: this.queue, err: error }, `reminders worker: ${error.message}`);
  }

  private async sessionTomorrow(job: Job<SessionReminderJob>): Promise<string> {
    const delivery = await this.sessionReminders.compose(job.data);
    if (!delivery) return 'no-longer-due';
    try {
      return (await this.deliveries.deliverEmail(job.data.organisationId, delivery)).status;
    } catch (error) {
      if (error instanceof DeliveryInProgressError) return this.waitForClaim(job, delivery.key);
      // Recorded in the delivery log already; a refusal that retrying cannot change fails the job at once.
      if (isPermanentDeliveryFailure(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  /**
   * Another job holds the key: a duplicate running now, or one whose worker was killed mid-send.
   * Retrying with the usual backoff would spend every attempt before a dead worker's claim goes
   * stale and leave the person without a reminder, so the job waits, without using an attempt,
   * until the claim is either sent or stale enough to take over.
   */
  private async waitForClaim(job: Job<SessionReminderJob>, key: string): Promise<never> {
    const current = await this.deliveries.find(job.data.organisationId, key);
    const claimedAt = current?.claimedAt.getTime() ?? Date.now();
    await job.moveToDelayed(Math.max(Date.now() + 1_000, claimedAt + CLAIM_STALE_AFTER_SECONDS * 1_000 + 1_000), job.token);
    throw new DelayedError();
  }
}
