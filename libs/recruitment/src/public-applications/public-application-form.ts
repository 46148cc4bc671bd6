import { Injectable, Logger } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditLog, hashToken, Outbox, QueueName, randomToken, RequestTrace, Tenancy } from '@steppingstone/core';
import { Consent, normalisePersonDetails, People, reachableBy } from '@steppingstone/people';
import { Applications } from '../applications/applications';
import { Intake } from '../entities/intake.entity';
import { Programme } from '../entities/programme.entity';
import { normalisePartnerCode, PARTNER_CODE, ReferralPartners } from '../partners/referral-partners';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';
import { APPLICATION_CONFIRMATION_JOB, ApplicationConfirmationJob, applicationConfirmationJobId } from './application-confirmations';
import { EQUALITY_STEP_MINUTES } from './equality-step';
import { CONTACT_CONSENT_WORDING, intakeTitle, notOpenNotice, PublicIntake, publicIntake } from './public-intake';

/**
 * What a resident types into the public form: at least one way to reach them (email, phone or a
 * postal address). No equality questions here: they come after, with a consent of their own.
 */
export interface PublicApplicationInput {
  person: { name: string; preferredName?: string | null; email?: string | null; phone?: string | null; address?: string | null; postcode?: string | null; dateOfBirth?: string | null };
  /** The applicant ticked CONTACT_CONSENT_WORDING; the edge refuses the form without it. */
  consent: true;
  /** A field people never see; only a bot fills it in. */
  website?: string | null;
  /** A referral partner's code: from its link (`?partner=`) or typed from a paper form or leaflet. */
  partnerCode?: string | null;
}

export interface PublicApplicationReceipt {
  /** Eight characters to read out on the phone or quote in a letter. */
  reference: string;
  message: string;
  /** Authorises the optional equality questions for this application only, once, until it expires. */
  equalityStep: { token: string; expiresAt: Date };
}

/** The same alphabet as the database's references, for the answer a bot gets. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

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
    private readonly partners: ReferralPartners,
  ) {}

  async describe(slug: string): Promise<PublicIntake> {
    const found = await this.findBySlug(slug);
    return this.tenancy.run(found.organisationId, async (manager) => {
      const { intake, programme, organisationName } = await this.load(manager, found.organisationId, found.id);
      return publicIntake(organisationName, programme, intake);
    });
  }

  /** The partner a link's code names, for the form to say who referred the applicant; never more than its name. */
  async partnerFor(slug: string, code: string): Promise<{ code: string; recognised: boolean; name: string | null }> {
    const found = await this.findBySlug(slug);
    const normalised = normalisePartnerCode(code);
    if (!PARTNER_CODE.test(normalised)) return { code, recognised: false, name: null };
    const [partner]: Array<{ name: string; kind: string }> = await this.tenancy.run(found.organisationId, (manager) =>
      manager.query(`SELECT name, kind FROM referral_partners WHERE organisation_id = $1 AND code = $2`, [found.organisationId, normalised]),
    );
    // An existing peer is a person: the form says a peer referred them, not who.
    return { code: normalised, recognised: Boolean(partner), name: partner ? (partner.kind === 'existing-peer' ? 'one of our peer mentors' : partner.name) : null };
  }

  async submit(slug: string, input: PublicApplicationInput, trace: RequestTrace): Promise<PublicApplicationReceipt> {
    const found = await this.findBySlug(slug);
    const organisationId = found.organisationId;
    const details = normalisePersonDetails(input.person);
    const channels = reachableBy(details);
    if (!channels.length) {
      throw new RecruitmentError(Code.NoWayToReach, 'Enter an email address, a phone number or a postal address, so that we can contact you', [
        { field: 'contact', rule: 'atLeastOne', message: 'Enter an email address, a phone number or a postal address, so that we can contact you' },
      ]);
    }
    const receipt = await this.tenancy.run(organisationId, async (manager) => {
      const { intake, programme } = await this.load(manager, organisationId, found.id, true);
      const notice = notOpenNotice(programme, intake);
      if (notice) throw new RecruitmentError(Code.IntakeNotOpen, notice, [], { status: intake.status });
      const token = randomToken(24);
      const expiresAt = new Date(Date.now() + EQUALITY_STEP_MINUTES * 60_000);
      if (input.website) {
        // Answered exactly like a success, so a bot learns nothing; only the audit log knows.
        await this.audit.recordUnauthenticated(trace, organisationId, null, { action: 'application.bot-refused', entityType: 'intake', entityId: intake.id, details: { reason: 'honeypot' } }, manager);
        const reference = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
        return { reference, message: thanks(programme, intake, reference, channels), equalityStep: { token, expiresAt }, stored: false };
      }
      const partnerId = input.partnerCode ? (await this.partners.byCode(manager, organisationId, input.partnerCode, 'partnerCode')).id : null;
      const reference = await this.record(manager, organisationId, intake, { ...input, person: details }, channels, partnerId, { token, expiresAt }, trace);
      return { reference, message: thanks(programme, intake, reference, channels), equalityStep: { token, expiresAt }, stored: true };
    });
    if (receipt.stored) await this.outbox.relaySoon(organisationId);
    else this.logger.warn({ organisationId, intakeId: found.id, ip: trace.ip }, 'public form: honeypot filled; nothing stored');
    return { reference: receipt.reference, message: receipt.message, equalityStep: receipt.equalityStep };
  }

  /**
   * Person, consent, application (with its partner), the equality step's token, audit entry and,
   * when there is an email address, the confirmation email's outbox row: all or nothing.
   */
  private async record(
    manager: EntityManager,
    organisationId: string,
    intake: Intake,
    input: PublicApplicationInput,
    channels: string[],
    partnerId: string | null,
    equalityStep: { token: string; expiresAt: Date },
    trace: RequestTrace,
  ): Promise<string> {
    const person = await this.people.insert(manager, organisationId, { ...input.person, contactPreferences: channels as Array<'email' | 'phone' | 'post'> }, { allowDuplicate: true });
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
    const application = await this.applications.insert(manager, organisationId, { intakeId: intake.id, personId: person.id, source: partnerId ? 'referral' : 'self', partnerId, channel: 'online' }, null, { personIsNew: true });
    await manager.query(`INSERT INTO equality_step_tokens (organisation_id, application_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`, [
      organisationId,
      application.id,
      hashToken(equalityStep.token),
      equalityStep.expiresAt,
    ]);
    await this.audit.recordUnauthenticated(
      trace,
      organisationId,
      null,
      { action: 'application.created', entityType: 'application', entityId: application.id, details: { intakeId: intake.id, source: application.source, via: 'public-form', personId: person.id, partnerId } },
      manager,
    );
    if (person.email) {
      const payload: ApplicationConfirmationJob = { organisationId, applicationId: application.id };
      await this.outbox.stage(manager, organisationId, { queue: QueueName.Email, jobName: APPLICATION_CONFIRMATION_JOB, jobId: applicationConfirmationJobId(application.id), payload: { ...payload } });
    }
    return application.reference;
  }

  /** The intake a public link names, found before its organisation is known; 404 for anything else. */
  async findBySlug(slug: string): Promise<Intake> {
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

/** What the applicant reads on the confirmation page: the reference first, then how we will be in touch. */
function thanks(programme: Programme, intake: Intake, reference: string, channels: string[]): string {
  const title = intakeTitle(programme, intake);
  if (channels.includes('email')) return `Thank you for applying to ${title}. Your reference is ${reference}. We'll email you a confirmation, and be in touch about the next steps.`;
  const how = channels.includes('phone') ? 'by phone' : 'by post';
  return `Thank you for applying to ${title}. Your reference is ${reference}: please write it down and quote it if you contact us. We'll be in touch ${how} about the next steps.`;
}
