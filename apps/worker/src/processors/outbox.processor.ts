import { Processor } from '@nestjs/bullmq';
import { Outbox, QueueName } from '@steppingstone/core';
import { JobHandlers } from '../jobs/job-handlers';

/**
 * The sweeps that make staged work survive: relaying what the request itself could not (a crash,
 * Redis away at the time), and adding again what Redis lost after it was relayed.
 */
@Processor(QueueName.Outbox)
export class OutboxProcessor extends JobHandlers {
  readonly queue = QueueName.Outbox;
  readonly handlers = {
    'relay-outbox': () => this.outbox.relayAll(),
    'recover-outbox': () => this.outbox.recoverAll(),
  };

  constructor(private readonly outbox: Outbox) {
    super();
  }
}
