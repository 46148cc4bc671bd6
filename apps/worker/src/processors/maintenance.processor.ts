import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { QueueName } from '@steppingstone/core';
import { InvitationEmails, PlatformOrganisations, Sessions, SignUpEmails } from '@steppingstone/organisations';
import { ApplyRetention, DATA_RIGHTS_REQUEST_JOB, DataRightsRequestJob, DataRightsRequests, dataRightsJobId, RetentionOutcome } from '@steppingstone/people';
import { JobHandlers } from '../jobs/job-handlers';

const APPLY_RETENTION_ORGANISATION = 'apply-retention-organisation';

interface RetentionJob {
  organisationId: string;
}

/** Housekeeping that fans out over every organisation, each in its own tenant transaction. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends JobHandlers {
  readonly queue = QueueName.Maintenance;
  readonly handlers = {
    'purge-expired-sessions': () => this.eachOrganisation((id) => this.sessions.purgeExpired(id)),
    // Sign-up emails too: like invitations, they carry a link someone is waiting for.
    'reconcile-invitation-emails': async () => {
      const invitations = await this.eachOrganisation((id) => this.invitationEmails.reconcile(id));
      return { ...invitations, affected: invitations.affected + (await this.signUpEmails.reconcile()) };
    },
    'apply-retention': (job: Job) => this.fanOutRetention(job),
    [APPLY_RETENTION_ORGANISATION]: (job: Job<RetentionJob>) => this.housekeeping(job.data.organisationId),
    [DATA_RIGHTS_REQUEST_JOB]: (job: Job<DataRightsRequestJob>) => this.dataRights.process(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
  };

  constructor(
    private readonly organisations: PlatformOrganisations,
    private readonly sessions: Sessions,
    private readonly invitationEmails: InvitationEmails,
    private readonly signUpEmails: SignUpEmails,
    private readonly retention: ApplyRetention,
    private readonly dataRights: DataRightsRequests,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
  ) {
    super();
  }

  /**
   * One job per organisation, so a large organisation neither delays the others nor, failing,
   * makes them retry. The day is in the job id: a second tick on the same day adds nothing.
   */
  private async fanOutRetention(job: Job): Promise<{ organisations: number }> {
    const ids = await this.organisations.ids();
    const day = new Date(job.timestamp).toISOString().slice(0, 10);
    await this.maintenance.addBulk(
      ids.map((organisationId) => ({ name: APPLY_RETENTION_ORGANISATION, data: { organisationId } satisfies RetentionJob, opts: { jobId: `retention-${organisationId}-${day}` } })),
    );
    return { organisations: ids.length };
  }

  /** One organisation's daily housekeeping: its retention period, exports nobody collected, and requests whose job was lost. */
  private async housekeeping(organisationId: string): Promise<RetentionOutcome & { expiredExports: number; requeuedRequests: number }> {
    const outcome = await this.retention.run(organisationId);
    const expiredExports = await this.dataRights.expireExports(organisationId);
    const stalled = await this.dataRights.stalled(organisationId);
    await this.maintenance.addBulk(stalled.map((job) => ({ name: DATA_RIGHTS_REQUEST_JOB, data: job, opts: { jobId: dataRightsJobId(job.requestId) } })));
    return { ...outcome, expiredExports, requeuedRequests: stalled.length };
  }

  private async eachOrganisation(work: (organisationId: string) => Promise<number>): Promise<{ organisations: number; affected: number }> {
    const ids = await this.organisations.ids();
    let affected = 0;
    for (const id of ids) affected += await work(id);
    return { organisations: ids.length, affected };
  }
}
