import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@steppingstone/core';

type Schedule = { queue: QueueName; job: string } & ({ pattern: string; tz: string } | { every: number });

/** Every recurring job, upserted from this one place when a worker starts (idempotent across workers). */
export const SCHEDULES: readonly Schedule[] = [
  { queue: QueueName.Maintenance, job: 'purge-expired-sessions', pattern: '0 3 * * *', tz: 'Europe/London' },
  { queue: QueueName.Maintenance, job: 'reconcile-invitation-emails', pattern: '*/5 * * * *', tz: 'Europe/London' },
  // Fans out one job per organisation; each applies that organisation's own retention period.
  { queue: QueueName.Maintenance, job: 'apply-retention', pattern: '30 2 * * *', tz: 'Europe/London' },
  // Often, since an applicant waits for this email; cheap, since it visits only organisations with pending rows.
  { queue: QueueName.Outbox, job: 'relay-outbox', every: 10_000 },
  { queue: QueueName.Outbox, job: 'recover-outbox', every: 5 * 60_000 },
  // An interval schedule also runs once as soon as it is upserted, i.e. at every worker start; each
  // quarter-hour bounds how long reminders Redis lost stay missing, and a run with nothing due is one query.
  { queue: QueueName.Reminders, job: 'reconcile-reminders', every: 15 * 60_000 },
  // Hourly, so each organisation's weekly and monthly reports appear within the hour after midnight
  // in its own time zone (the fan-out reads each organisation's zone); a period is reported once.
  { queue: QueueName.Reports, job: 'schedule-reports', pattern: '7 * * * *', tz: 'UTC' },
];

@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);
  private readonly queues: Partial<Record<QueueName, Queue>>;
  constructor(@InjectQueue(QueueName.Maintenance) maintenance: Queue, @InjectQueue(QueueName.Outbox) outbox: Queue, @InjectQueue(QueueName.Reminders) reminders: Queue, @InjectQueue(QueueName.Reports) reports: Queue) {
    this.queues = { [QueueName.Maintenance]: maintenance, [QueueName.Outbox]: outbox, [QueueName.Reminders]: reminders, [QueueName.Reports]: reports };
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of SCHEDULES) {
      const queue = this.queues[schedule.queue];
      if (!queue) throw new Error(`Schedules: no queue injected for ${schedule.queue}`);
      const repeat = 'every' in schedule ? { every: schedule.every } : { pattern: schedule.pattern, tz: schedule.tz };
      await queue.upsertJobScheduler(schedule.job, repeat, { name: schedule.job });
    }
    this.logger.log(`${SCHEDULES.length} job schedulers upserted`);
  }
}
