import { Inject } from '@nestjs/common';
import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { asMessageDelivery, CLAIM_STALE_AFTER_SECONDS, DeliveryInProgressError, DeliveryLog, isPermanentDeliveryFailure } from '@steppingstone/notifications';
import { RECONCILE_REMINDERS, REMINDER_KINDS, ReminderJobBase, ReminderKind, ReminderReconciler } from '@steppingstone/reminders';
import { JobHandler, JobHandlers } from '../jobs/job-handlers';

/**
 * Each send spends most of its time waiting on PostgreSQL and the SMTP server, so many run at once.
 * Jobs running together share transactions (their claims, their sent marks and the session
 * reminders' reads: see OrganisationBatches), so this is not bounded by the database pool. Kept at
 * twice the mailer's default connections (SMTP_MAX_CONNECTIONS), as before, so that a claimed
 * send waits for at most about one other send before it goes, well within the claim's lifetime.
 */
const CONCURRENCY = 64;

/** The reconciler, and one handler per reminder kind, each sending through the delivery log. */
@Processor(QueueName.Reminders, { concurrency: CONCURRENCY })
export class RemindersProcessor extends JobHandlers {
  readonly queue = QueueName.Reminders;
  readonly handlers: Record<string, JobHandler>;

  constructor(
    private readonly reconciler: ReminderReconciler,
    @Inject(REMINDER_KINDS) kinds: ReminderKind[],
    private readonly deliveries: DeliveryLog,
  ) {
    super();
    this.handlers = {
      [RECONCILE_REMINDERS]: () => this.reconciler.reconcileAll(),
      ...Object.fromEntries(kinds.map((kind) => [kind.name, (job: Job<ReminderJobBase>) => this.remind(kind, job)])),
    };
  }

  /**
   * BullMQ reports here what it cannot pin on a job, such as finishing one whose keys Redis lost
   * meanwhile; the reconciler puts such reminders back, so this is logged rather than left unheard.
   */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn({ queue: this.queue, err: error }, `reminders worker: ${error.message}`);
  }

  private async remind(kind: ReminderKind, job: Job<ReminderJobBase>): Promise<string> {
    const organisationId = job.data.organisationId;
    const outcome = await kind.compose(job.data);
    if (!outcome) return 'no-longer-due';
    if (outcome.action === 'skip') {
      await this.deliveries.recordSkipped(organisationId, outcome.skipped);
      await kind.settled?.(job.data);
      return 'skipped';
    }
    const delivery = { ...outcome.delivery, retryAs: { queue: QueueName.Reminders, name: kind.name, data: { ...job.data } } };
    let status: string;
    try {
      status = (await this.deliveries.deliver(organisationId, asMessageDelivery(delivery))).status;
    } catch (error) {
      if (error instanceof DeliveryInProgressError) return this.waitForClaim(job, delivery.key);
      // Recorded in the delivery log already; a refusal that retrying cannot change fails the job at once.
      if (isPermanentDeliveryFailure(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
    await kind.settled?.(job.data);
    return status;
  }

  /**
   * Another job holds the key: a duplicate running now, or one whose worker was killed mid-send.
   * Retrying with the usual backoff would spend every attempt before a dead worker's claim goes
   * stale and leave the person without a reminder, so the job waits, without using an attempt,
   * until the claim is either sent or stale enough to take over.
   */
  private async waitForClaim(job: Job<ReminderJobBase>, key: string): Promise<never> {
    const current = await this.deliveries.find(job.data.organisationId, key);
    const claimedAt = current?.claimedAt.getTime() ?? Date.now();
    await job.moveToDelayed(Math.max(Date.now() + 1_000, claimedAt + CLAIM_STALE_AFTER_SECONDS * 1_000 + 1_000), job.token);
    throw new DelayedError();
  }
}
