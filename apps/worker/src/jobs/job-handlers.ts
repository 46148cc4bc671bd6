import { WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '@steppingstone/core';

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * A processor for one queue that names a handler per job name. The registry check at start-up
 * compares these names with JOB_NAMES, so a job nobody handles (or two handle) stops the worker.
 */
export abstract class JobHandlers extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  abstract readonly queue: QueueName;
  abstract readonly handlers: Record<string, JobHandler>;

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name];
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${this.queue}`);
    const result = await handler(job);
    this.logger.log({ queue: this.queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1, result }, `job ${job.name} done`);
    return result;
  }
}
