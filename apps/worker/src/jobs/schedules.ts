import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, InjectConfig, QueueName } from '@steppingstone/core';

export type Schedule = { queue: QueueName; job: string } & ({ pattern: string; tz: string } | { every: number });

/** Every recurring job, in this one place; the intervals people may need to change come from the configuration. */
export function schedulesFor(config: Pick<AppConfig, 'OUTBOX_RELAY_SECONDS' | 'OUTBOX_RECOVER_SECONDS' | 'REMINDERS_RECONCILE_SECONDS' | 'SELECTIONS_RECONCILE_SECONDS'>): Schedule[] {
  return [
    { queue: QueueName.Maintenance, job: 'purge-expired-sessions', pattern: '0 3 * * *', tz: 'Europe/London' },
    { queue: QueueName.Maintenance, job: 'reconcile-invitation-emails', pattern: '*/5 * * * *', tz: 'Europe/London' },
    // Fans out one job per organisation; each applies that organisation's own retention period.
    { queue: QueueName.Maintenance, job: 'apply-retention', pattern: '30 2 * * *', tz: 'Europe/London' },
    // Often, since an applicant waits for this email; cheap, since it visits only organisations with pending rows.
    { queue: QueueName.Outbox, job: 'relay-outbox', every: config.OUTBOX_RELAY_SECONDS * 1000 },
    { queue: QueueName.Outbox, job: 'recover-outbox', every: config.OUTBOX_RECOVER_SECONDS * 1000 },
    // An interval schedule also runs once as soon as it is upserted, i.e. at every worker start; each
    // interval bounds how long reminders Redis lost stay missing, and a run with nothing due is one query.
    { queue: QueueName.Reminders, job: 'reconcile-reminders', every: config.REMINDERS_RECONCILE_SECONDS * 1000 },
    // Hourly, so each organisation's weekly and monthly reports appear within the hour after midnight
    // in its own time zone (the fan-out reads each organisation's zone); a period is reported once.
    { queue: QueueName.Reports, job: 'schedule-reports', pattern: '7 * * * *', tz: 'UTC' },
    // Selections PostgreSQL has as waiting but whose job Redis lost; a run with none waiting is one query.
    { queue: QueueName.Selections, job: 'reconcile-selections', every: config.SELECTIONS_RECONCILE_SECONDS * 1000 },
  ];
}

/**
 * Upserts the job schedulers when a worker starts, and keeps them there: Redis that restarts empty
 * (or loses keys) takes the schedulers with it, and nothing scheduled would run again until a worker
 * restarted. So each worker looks every SCHEDULES_CHECK_SECONDS, and as soon as its connection to
 * Redis is ready again, and puts back any scheduler that is missing or has lost its next job.
 * Upserting is idempotent, so several workers doing this at once leave one scheduler each.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Schedules.name);
  private readonly queues: Partial<Record<QueueName, Queue>>;
  private readonly schedules: Schedule[];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<number>;
  private stopped = false;
  private readonly onReady = () => void this.check().catch((error: Error) => this.logger.warn({ err: error }, `job schedulers could not be checked: ${error.message}`));

  constructor(
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Outbox) outbox: Queue,
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.Reports) reports: Queue,
    @InjectQueue(QueueName.Selections) selections: Queue,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.queues = { [QueueName.Maintenance]: maintenance, [QueueName.Outbox]: outbox, [QueueName.Reminders]: reminders, [QueueName.Reports]: reports, [QueueName.Selections]: selections };
    this.schedules = schedulesFor(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of this.schedules) await this.upsert(schedule);
    this.logger.log(`${this.schedules.length} job schedulers upserted`);
    // Started only once the first upsert is done, so a reconnect cannot race it.
    for (const queue of this.usedQueues()) queue.getBackend().on('ready', this.onReady);
    this.timer = setInterval(this.onReady, this.config.SCHEDULES_CHECK_SECONDS * 1000);
    this.timer.unref();
  }

  /** Before the queues close (their module shuts down after this one is destroyed). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const queue of this.usedQueues()) queue.getBackend().off('ready', this.onReady);
    await this.checking?.catch(() => undefined);
  }

  /** Puts back the schedulers Redis no longer has; answers how many. One check at a time per worker. */
  check(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.checking ??= this.restoreMissing().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async restoreMissing(): Promise<number> {
    let restored = 0;
    for (const schedule of this.schedules) {
      if (await this.isInPlace(schedule)) continue;
      await this.upsert(schedule);
      restored += 1;
    }
    if (restored) this.logger.warn(`${restored} job scheduler(s) were missing from Redis and have been put back`);
    return restored;
  }

  /** A scheduler counts only with its next job: that job is what makes it run. */
  private async isInPlace(schedule: Schedule): Promise<boolean> {
    const queue = this.queueOf(schedule);
    const scheduler = await queue.getJobScheduler(schedule.job);
    if (!scheduler?.next) return false;
    return Boolean(await queue.getJob(`repeat:${schedule.job}:${scheduler.next}`));
  }

  private async upsert(schedule: Schedule): Promise<void> {
    const repeat = 'every' in schedule ? { every: schedule.every } : { pattern: schedule.pattern, tz: schedule.tz };
    await this.queueOf(schedule).upsertJobScheduler(schedule.job, repeat, { name: schedule.job });
  }

  private queueOf(schedule: Schedule): Queue {
    const queue = this.queues[schedule.queue];
    if (!queue) throw new Error(`Schedules: no queue injected for ${schedule.queue}`);
    return queue;
  }

  private usedQueues(): Queue[] {
    return [...new Set(this.schedules.map((s) => this.queueOf(s)))];
  }
}
