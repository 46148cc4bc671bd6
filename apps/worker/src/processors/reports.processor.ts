import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { PRODUCE_REPORT, ProduceReportJob, ReportReadyEmails, ReportRuns, ReportScheduler, SCHEDULE_REPORTS } from '@steppingstone/reports';
import { JobHandlers } from '../jobs/job-handlers';

/**
 * Reports take seconds of database work and memory for their files, so two at a time at most
 * leaves the pool (and the machine) to the queues people are waiting on.
 */
const CONCURRENCY = 2;

@Processor(QueueName.Reports, { concurrency: CONCURRENCY })
export class ReportsProcessor extends JobHandlers {
  readonly queue = QueueName.Reports;
  readonly handlers = {
    [SCHEDULE_REPORTS]: () => this.scheduler.scheduleAll(),
    [PRODUCE_REPORT]: (job: Job<ProduceReportJob>) => this.produce(job),
  };

  constructor(
    private readonly scheduler: ReportScheduler,
    private readonly runs: ReportRuns,
    private readonly emails: ReportReadyEmails,
  ) {
    super();
  }

  /**
   * Produce, then tell the coordinators. A rerun after the report is done (a retry because an email
   * failed, a duplicate job) produces nothing and sends only the emails not yet sent.
   */
  private async produce(job: Job<ProduceReportJob>): Promise<{ report: string; emails?: unknown }> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const report = await this.runs.produce(job.data, finalAttempt);
    if (report === 'not-found') return { report };
    return { report, emails: await this.emails.notify(job.data.organisationId, job.data.reportId) };
  }
}
