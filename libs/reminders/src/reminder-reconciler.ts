import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName, removeHollowJobs, Tenancy } from '@steppingstone/core';
import { settledDeliveryKeys } from '@steppingstone/notifications';
import { organisationProfile, PlatformOrganisations } from '@steppingstone/organisations';
import { sendDelay } from './quiet-hours';
import { REMINDER_KINDS, ReminderJobBase, ReminderKind } from './reminder-kind';

export const RECONCILE_REMINDERS = 'reconcile-reminders';

/** Large enough to keep round trips few, small enough that one call never blocks Redis for long. */
const ENQUEUE_CHUNK = 500;

export interface ReconcileResult {
  organisations: number;
  due: number;
  failedOrganisations: number;
}

/**
 * Re-derives every reminder due now, of every kind, from PostgreSQL and enqueues each under its
 * deterministic job id: a job Redis still holds is not added twice, and one Redis lost (a flush, a
 * failover, a worker killed with it in hand) is added again. Reminders found before 08:00 in the
 * organisation's zone are enqueued delayed until then. The delivery log makes a rerun of a sent
 * one a no-op, and keys already sent or skipped are not enqueued at all.
 */
@Injectable()
export class ReminderReconciler {
  private readonly logger = new Logger(ReminderReconciler.name);
  constructor(
    private readonly organisations: PlatformOrganisations,
    private readonly tenancy: Tenancy,
    @Inject(REMINDER_KINDS) private readonly kinds: ReminderKind[],
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

  /** Every kind is tried even when one fails, so a fault in one kind's query holds back only that kind. */
  async reconcile(organisationId: string, at = new Date()): Promise<number> {
    const timeZone = await this.timeZone(organisationId);
    let enqueued = 0;
    let firstError: unknown;
    for (const kind of this.kinds) {
      try {
        enqueued += await this.reconcileKind(organisationId, kind, at, timeZone);
      } catch (error) {
        firstError ??= error;
        this.logger.error({ organisationId, kind: kind.name, err: error }, `${kind.name} reminders could not be reconciled`);
      }
    }
    if (firstError) throw firstError;
    return enqueued;
  }

  private async reconcileKind(organisationId: string, kind: ReminderKind, at: Date, timeZone: string): Promise<number> {
    const due = await this.unsettled(organisationId, kind, await kind.due(organisationId, at));
    // Only unsent reminders are looked at, so a finished job is never taken out and sent again.
    await removeHollowJobs(
      this.queue,
      due.map((job) => kind.jobId(job)),
    );
    const now = Date.now();
    for (let i = 0; i < due.length; i += ENQUEUE_CHUNK) {
      await this.queue.addBulk(
        due.slice(i, i + ENQUEUE_CHUNK).map((job) => {
          const delay = sendDelay(at, job.dueOn, timeZone, now);
          return { name: kind.name, data: job, opts: { jobId: kind.jobId(job), ...(delay > 0 ? { delay } : {}) } };
        }),
      );
    }
    return due.length;
  }

  /** Leaves out reminders the delivery log has already sent or deliberately skipped. */
  private async unsettled<J extends ReminderJobBase>(organisationId: string, kind: ReminderKind<J>, due: J[]): Promise<J[]> {
    if (!due.length) return due;
    const settled = await this.tenancy.run(organisationId, async (manager) => {
      return settledDeliveryKeys(
        manager,
        organisationId,
        due.map((job) => kind.key(job)),
      );
    });
    return settled.size ? due.filter((job) => !settled.has(kind.key(job))) : due;
  }

  private timeZone(organisationId: string): Promise<string> {
    return this.tenancy.run(organisationId, async (manager) => {
      return (await organisationProfile(manager, organisationId))?.timeZone ?? 'Europe/London';
    });
  }
}
