import { Processor } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { asMessageDelivery, DeliveryLog, isPermanentDeliveryFailure } from '@steppingstone/notifications';
import { InvitationEmailJob, InvitationEmails, SIGN_UP_EMAIL_JOB, SignUpEmailJob, SignUpEmails } from '@steppingstone/organisations';
import { APPLICATION_CONFIRMATION_JOB, ApplicationConfirmationJob, ApplicationConfirmations } from '@steppingstone/recruitment';
import { JobHandlers } from '../jobs/job-handlers';

@Processor(QueueName.Email, { concurrency: 4 })
export class EmailProcessor extends JobHandlers {
  readonly queue = QueueName.Email;
  readonly handlers = {
    invitation: (job: Job<InvitationEmailJob>) => this.invitationEmails.send(job.data.organisationId, job.data.invitationId),
    [SIGN_UP_EMAIL_JOB]: (job: Job<SignUpEmailJob>) => this.signUpEmails.send(job.data.signUpRequestId),
    [APPLICATION_CONFIRMATION_JOB]: (job: Job<ApplicationConfirmationJob>) => this.applicationConfirmation(job.data),
  };

  constructor(
    private readonly invitationEmails: InvitationEmails,
    private readonly signUpEmails: SignUpEmails,
    private readonly confirmations: ApplicationConfirmations,
    private readonly deliveries: DeliveryLog,
  ) {
    super();
  }

  /** Through the delivery log, so a second job for the same application (a relay twice, a retry) sends nothing. */
  private async applicationConfirmation({ organisationId, applicationId }: ApplicationConfirmationJob): Promise<string> {
    const message = await this.confirmations.compose(organisationId, applicationId);
    if (!message) return 'nobody-to-write-to';
    try {
      return (await this.deliveries.deliver(organisationId, asMessageDelivery(message))).status;
    } catch (error) {
      // Recorded in the delivery log already; a refusal that retrying cannot change fails the job at once.
      if (isPermanentDeliveryFailure(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }
}
