import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { RECONCILE_SELECTIONS, RUN_SELECTION, RunSelectionJob, SelectionRuns } from '@steppingstone/representativeness';
import { JobHandlers } from '../jobs/job-handlers';

/**
 * One selection at a time: the solve runs on the solver's own thread and takes one core, so a
 * second at once would only slow both. Its lock is renewed meanwhile, as the main thread stays free.
 */
@Processor(QueueName.Selections, { concurrency: 1 })
export class SelectionsProcessor extends JobHandlers {
  readonly queue = QueueName.Selections;
  readonly handlers = {
    [RUN_SELECTION]: (job: Job<RunSelectionJob>) => this.runs.run(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
    [RECONCILE_SELECTIONS]: () => this.runs.reconcileAll(),
  };

  constructor(private readonly runs: SelectionRuns) {
    super();
  }
}
