import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, hashToken, Outbox, QueueName, queryNamed, queryPrepared, randomToken, RequestTrace, Tenancy } from '@steppingstone/core';
import { organisationNameSql } from '@steppingstone/organisations';
import { normalisePersonDetails, PersonDetails, reachableBy } from '@steppingstone/people';
import { Intake } from '../entities/intake.entity';
import { Programme } from '../entities/programme.entity';
import { normalisePartnerCode, PARTNER_CODE, unknownCode } from '../partners/referral-partners';
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
/** Far more than the intakes open at once on one api process. */
const SLUGS_KEPT = 2_000;

export type IntakeKey = Pick<Intake, 'organisationId' | 'id'>;

interface RecordedRow {
  o_outcome: 'not-found' | 'not-open' | 'unknown-partner' | 'stored';
  o_reference: string | null;
  o_intake_name: string | null;
  o_intake_status: string | null;
  o_opens_on: string | null;
  o_closes_on: string | null;
  o_programme_name: string | null;
}

interface RecordedApplication {
  reference: string;
  message: string;
  emailed: boolean;
}

interface LoadedIntake {
  intake: Pick<Intake, 'id' | 'name' | 'status' | 'opensOn' | 'closesOn'>;
  programme: Pick<Programme, 'name' | 'description'>;
  organisationName: string;
}

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
  private readonly slugs = new Map<string, IntakeKey>();
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    @InjectDataSource() private readonly dataSource: DataSource,
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
    // A link's code is at most 12 letters and digits; anything far longer is not worth normalising.
    const normalised = code.length <= 40 ? normalisePartnerCode(code) : '';
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
    const token = randomToken(24);
    const expiresAt = new Date(Date.now() + EQUALITY_STEP_MINUTES * 60_000);
    if (input.website) {
      // Answered exactly like a success, so a bot learns nothing; only the audit log knows.
      const { intake, programme } = await this.tenancy.run(organisationId, async (manager) => {
        const loaded = await this.load(manager, organisationId, found.id);
        const notice = notOpenNotice(loaded.programme, loaded.intake);
        if (notice) throw new RecruitmentError(Code.IntakeNotOpen, notice, [], { status: loaded.intake.status });
        await this.audit.recordUnauthenticated(trace, organisationId, null, { action: 'application.bot-refused', entityType: 'intake', entityId: found.id, details: { reason: 'honeypot' } }, manager);
        return loaded;
      });
      this.logger.warn({ organisationId, intakeId: found.id, ip: trace.ip }, 'public form: honeypot filled; nothing stored');
      const reference = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
      return { reference, message: thanks(programme, intake, reference, channels), equalityStep: { token, expiresAt } };
    }
    const receipt = await this.record(found, { ...input, person: details }, channels, { token, expiresAt }, trace);
    if (receipt.emailed) await this.outbox.relaySoon(organisationId);
    return { reference: receipt.reference, message: receipt.message, equalityStep: { token, expiresAt } };
  }

  /**
   * Person, consent, application (with its partner and first stage-history row), the equality
   * step's token, the audit entry and, when there is an email address, the confirmation email's
   * outbox row: all or nothing, in one round trip (see the PublicFormOwnerFunctions migration), with the
   * intake's row held while it is written, so it cannot close half-way.
   */
  private async record(
    found: IntakeKey,
    input: PublicApplicationInput & { person: PersonDetails },
    channels: string[],
    equalityStep: { token: string; expiresAt: Date },
    trace: RequestTrace,
  ): Promise<RecordedApplication> {
    const { organisationId } = found;
    const applicationId = randomUUID();
    const email = input.person.email ?? null;
    const outbox = email
      ? {
          queue: QueueName.Email,
          jobName: APPLICATION_CONFIRMATION_JOB,
          jobId: applicationConfirmationJobId(applicationId),
          payload: { organisationId, applicationId } satisfies ApplicationConfirmationJob,
        }
      : null;
    const person = { ...input.person, id: randomUUID(), contactPreferences: channels };
    // One statement, its own transaction; the function scopes itself to the organisation.
    const rows = await queryPrepared<RecordedRow>(this.dataSource, {
      name: 'recruitment_submit_public_application',
      text: `SELECT o_outcome, o_reference, o_intake_name, o_intake_status, o_opens_on, o_closes_on, o_programme_name
               FROM recruitment_submit_public_application($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      values: [
        organisationId,
        found.id,
        input.partnerCode ? normalisePartnerCode(input.partnerCode) : null,
        JSON.stringify(person),
        CONTACT_CONSENT_WORDING,
        applicationId,
        hashToken(equalityStep.token),
        equalityStep.expiresAt,
        JSON.stringify({ requestId: trace.requestId, ip: trace.ip ?? null }),
        outbox && JSON.stringify(outbox),
      ],
    });
    const row = rows[0];
    const programme = { name: row.o_programme_name ?? '' };
    const intake = { name: row.o_intake_name ?? '', status: row.o_intake_status as Intake['status'], opensOn: row.o_opens_on ?? '', closesOn: row.o_closes_on ?? '' };
    switch (row.o_outcome) {
      case 'not-found':
        this.slugs.clear();
        throw new RecruitmentError(Code.IntakeNotFound, 'There is no application form at this address; check the link you were given');
      case 'not-open':
        throw new RecruitmentError(Code.IntakeNotOpen, notOpenNotice(programme, intake) ?? '', [], { status: intake.status });
      case 'unknown-partner':
        throw unknownCode('partnerCode');
      case 'stored':
        return { reference: row.o_reference!, message: thanks(programme, intake, row.o_reference!, channels), emailed: Boolean(email) };
    }
  }

  /**
   * The intake a public link names, found before its organisation is known; 404 for anything else.
   * A link never changes its intake or organisation, so the pair is kept in the process: a busy form
   * then spends no transaction on finding them (whether it is open is read with every application).
   */
  async findBySlug(slug: string): Promise<IntakeKey> {
    const known = this.slugs.get(slug);
    if (known) return known;
    const intake = SLUG.test(slug) ? await this.tenancy.runScoped({ publicSlug: slug }, (manager) => manager.findOneBy(Intake, { publicSlug: slug })) : null;
    if (!intake) throw new RecruitmentError(Code.IntakeNotFound, 'There is no application form at this address; check the link you were given');
    const key = { organisationId: intake.organisationId, id: intake.id };
    if (this.slugs.size >= SLUGS_KEPT) this.slugs.delete(this.slugs.keys().next().value as string);
    this.slugs.set(slug, key);
    return key;
  }

  /** `share` holds the intake's row until commit, so it cannot close while an application is being taken. One statement for all three. */
  private async load(manager: EntityManager, organisationId: string, intakeId: string, share = false): Promise<LoadedIntake> {
    const [row]: Array<{ id: string; name: string; status: Intake['status']; opens_on: string; closes_on: string; programme_name: string; programme_description: string; organisation_name: string }> =
      await queryNamed(
        manager,
        `SELECT i.id, i.name, i.status, to_char(i.opens_on, 'YYYY-MM-DD') AS opens_on, to_char(i.closes_on, 'YYYY-MM-DD') AS closes_on,
              p.name AS programme_name, p.description AS programme_description, ${organisationNameSql('i.organisation_id')} AS organisation_name
         FROM intakes i
         JOIN programmes p ON p.organisation_id = i.organisation_id AND p.id = i.programme_id
        WHERE i.organisation_id = :org AND i.id = :intakeId${share ? ' FOR SHARE OF i' : ''}`,
        { org: organisationId, intakeId },
      );
    if (!row) throw new RecruitmentError(Code.IntakeNotFound, 'There is no application form at this address; check the link you were given');
    return {
      intake: { id: row.id, name: row.name, status: row.status, opensOn: row.opens_on, closesOn: row.closes_on },
      programme: { name: row.programme_name, description: row.programme_description },
      organisationName: row.organisation_name,
    };
  }
}

/** What the applicant reads on the confirmation page: the reference first, then how we will be in touch. */
function thanks(programme: Pick<Programme, 'name'>, intake: Pick<Intake, 'name'>, reference: string, channels: string[]): string {
  const title = intakeTitle(programme, intake);
  if (channels.includes('email')) return `Thank you for applying to ${title}. Your reference is ${reference}. We'll email you a confirmation, and be in touch about the next steps.`;
  const how = channels.includes('phone') ? 'by phone' : 'by post';
  return `Thank you for applying to ${title}. Your reference is ${reference}: please write it down and quote it if you contact us. We'll be in touch ${how} about the next steps.`;
}
