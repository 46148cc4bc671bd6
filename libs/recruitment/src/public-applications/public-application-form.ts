import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditLog, Outbox, QueueName, RequestTrace, Tenancy } from '@steppingstone/core';
import { Consent, People } from '@steppingstone/people';
import { Applications } from '../applications/applications';
import { Intake } from '../entities/intake.entity';
import { Programme } from '../entities/programme.entity';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { APPLICATION_CONFIRMATION_JOB, ApplicationConfirmationJob, applicationConfirmationJobId } from './application-confirmations';
import { CONTACT_CONSENT_WORDING, intakeTitle, notOpenNotice, PublicIntake, publicIntake } from './public-intake';

/** What a resident types into the public form. No demographic questions here (they have their own consent). */
export interface PublicApplicationInput {
  person: { name: string; preferredName?: string | null; email: string; phone?: string | null; postcode?: string | null; dateOfBirth?: string | null };
  /** The applicant ticked CONTACT_CONSENT_WORDING; the edge refuses the form without it. */
  consent: true;
  /** A field people never see; only a bot fills it in. */
  website?: string | null;
}

export interface PublicApplicationReceipt {
  reference: string;
  message: string;
}

/** Public links are random base64url; anything else cannot be one and is not looked up. */
const SLUG = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The public application form of an open intake. An anonymous visitor holds only the intake's slug:
 * it reveals that one intake (row-level security allows exactly that), and the rest happens in the
 * intake's organisation. The applicant is always recorded as a new person, so the form never tells a
 * visitor whether someone is already on file, nor attaches anything to another person's record;
 * coordinators merge duplicates later.
 */
@Injectable()
export class PublicApplicationForm {
  private readonly logger = new Logger(PublicApplicationForm.name);
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly people: People,
    private readonly applications: Applications,
    private readonly outbox: Outbox,
  ) {}

  async describe(slug: string): Promise<PublicIntake> {
    const found = await this.findBySlug(slug);
    return this.tenancy.run(found.organisationId, async (manager) => {
      const { intake, programme, organisationName } = await this.load(manager, found.organisationId, found.id);
      return publicIntake(organisationName, programme, intake);
    });
  }

  async submit(slug: string, input: PublicApplicationInput, trace: RequestTrace): Promise<PublicApplicationReceipt> {
    const found = await this.findBySlug(slug);
    const organisationId = found.organisationId;
    const receipt = await this.tenancy.run(organisationId, async (manager) => {
      const { intake, programme } = await this.load(manager, organisationId, found.id, true);
      const notice = notOpenNotice(programme, intake);
      if (notice) throw new RecruitmentError(Code.IntakeNotOpen, notice, [], { status: intake.status });
      const thanks = `Thank you for applying to ${intakeTitle(programme, intake)}. We'll email you a confirmation, and be in touch about the next steps.`;
      if (input.website) {
        // Answered exactly like a success, so a bot learns nothing; only the audit log knows.
        await this.audit.recordUnauthenticated(trace, organisationId, null, { action: 'application.bot-refused', entityType: 'intake', entityId: intake.id, details: { reason: 'honeypot' } }, manager);
        return { reference: randomUUID(), message: thanks, stored: false };
      }
      const applicationId = await this.record(manager, organisationId, intake, input, trace);
      return { reference: applicationId, message: thanks, stored: true };
    });
    if (receipt.stored) await this.outbox.relaySoon(organisationId);
    else this.logger.warn({ organisationId, intakeId: found.id, ip: trace.ip }, 'public form: honeypot filled; nothing stored');
    return { reference: receipt.reference, message: receipt.message };
  }

  /** Person, consent, application, audit entry and the confirmation email's outbox row: all or nothing. */
  private async record(manager: EntityManager, organisationId: string, intake: Intake, input: PublicApplicationInput, trace: RequestTrace): Promise<string> {
    const person = await this.people.insert(manager, organisationId, { ...input.person, contactPreferences: ['email'] }, { allowDuplicate: true });
    await manager.insert(Consent, {
      organisationId,
      id: randomUUID(),
      personId: person.id,
      purpose: 'contact',
      wording: CONTACT_CONSENT_WORDING,
      method: 'online-form',
      givenAt: new Date(),
      recordedBy: null,
    });
    const application = await this.applications.insert(manager, organisationId, { intakeId: intake.id, personId: person.id, source: 'self' }, null);
    await this.audit.recordUnauthenticated(
      trace,
      organisationId,
      null,
      { action: 'application.created', entityType: 'application', entityId: application.id, details: { intakeId: intake.id, source: 'self', via: 'public-form', personId: person.id } },
      manager,
    );
    const payload: ApplicationConfirmationJob = { organisationId, applicationId: application.id };
    await this.outbox.stage(manager, organisationId, { queue: QueueName.Email, jobName: APPLICATION_CONFIRMATION_JOB, jobId: applicationConfirmationJobId(application.id), payload: { ...payload } });
    return application.id;
  }

  private async findBySlug(slug: string): Promise<Intake> {
    const intake = SLUG.test(slug) ? await this.tenancy.runScoped({ publicSlug: slug }, (manager) => manager.findOneBy(Intake, { publicSlug: slug })) : null;
    if (!intake) throw new RecruitmentError(Code.IntakeNotFound, 'There is no application form at this address; check the link you were given');
    return intake;
  }

  /** `share` holds the intake's row until commit, so it cannot close while an application is being taken. */
  private async load(manager: EntityManager, organisationId: string, intakeId: string, share = false): Promise<{ intake: Intake; programme: Programme; organisationName: string }> {
    const intake = await manager.findOne(Intake, { where: { organisationId, id: intakeId }, ...(share ? { lock: { mode: 'pessimistic_read' as const } } : {}) });
    if (!intake) throw new RecruitmentError(Code.IntakeNotFound, 'There is no application form at this address; check the link you were given');
    const programme = await manager.findOneByOrFail(Programme, { organisationId, id: intake.programmeId });
    const [organisation]: Array<{ name: string }> = await manager.query(`SELECT name FROM organisations WHERE id = $1`, [organisationId]);
    return { intake, programme, organisationName: organisation.name };
  }
}
