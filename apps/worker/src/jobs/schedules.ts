import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@steppingstone/core';

/** Every recurring job, upserted from this one place when a worker starts (idempotent across workers). */
export const SCHEDULES = [
  { queue: QueueName.Maintenance, job: 'purge-expired-sessions', pattern: '0 3 * * *', tz: 'Europe/London' },
  { queue: QueueName.Maintenance, job: 'reconcile-invitation-emails', pattern: '*/5 * * * *', tz: 'Europe/London' },
] as const;

@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);
  constructor(@InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of SCHEDULES) {
      await this.maintenance.upsertJobScheduler(schedule.job, { pattern: schedule.pattern, tz: schedule.tz }, { name: schedule.job });
    }
    this.logger.log(`${SCHEDULES.length} job schedulers upserted`);
  }
}
