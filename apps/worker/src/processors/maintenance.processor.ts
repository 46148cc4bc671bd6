import { Processor } from '@nestjs/bullmq';
import { QueueName } from '@steppingstone/core';
import { InvitationEmails, PlatformOrganisations, Sessions } from '@steppingstone/organisations';
import { JobHandlers } from '../jobs/job-handlers';

/** Housekeeping that fans out over every organisation, each in its own tenant transaction. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends JobHandlers {
  readonly queue = QueueName.Maintenance;
  readonly handlers = {
    'purge-expired-sessions': () => this.eachOrganisation((id) => this.sessions.purgeExpired(id)),
    'reconcile-invitation-emails': () => this.eachOrganisation((id) => this.invitationEmails.reconcile(id)),
  };

  constructor(
    private readonly organisations: PlatformOrganisations,
    private readonly sessions: Sessions,
    private readonly invitationEmails: InvitationEmails,
  ) {
    super();
  }

  private async eachOrganisation(work: (organisationId: string) => Promise<number>): Promise<{ organisations: number; affected: number }> {
    const ids = await this.organisations.ids();
    let affected = 0;
    for (const id of ids) affected += await work(id);
    return { organisations: ids.length, affected };
  }
}
