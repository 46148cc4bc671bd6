import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { InvitationEmailJob, InvitationEmails } from '@steppingstone/organisations';
import { JobHandlers } from '../jobs/job-handlers';

@Processor(QueueName.Email, { concurrency: 4 })
export class EmailProcessor extends JobHandlers {
  readonly queue = QueueName.Email;
  readonly handlers = {
    invitation: (job: Job<InvitationEmailJob>) => this.invitationEmails.send(job.data.organisationId, job.data.invitationId),
  };

  constructor(private readonly invitationEmails: InvitationEmails) {
    super();
  }
}
