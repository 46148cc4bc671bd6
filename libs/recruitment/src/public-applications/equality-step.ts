import { Injectable } from '@nestjs/common';
import { AuditLog, hashToken, RequestTrace, Tenancy } from '@steppingstone/core';
import { DemographicAnswers, DemographicProfiles, EQUALITY_CONSENT_WORDING, PeopleError, PeopleErrorCode } from '@steppingstone/people';
import { Intake } from '../entities/intake.entity';
import { RecruitmentError, RecruitmentErrorCode as Code } from '../recruitment.error';

/** Long enough to read the questions and answer them, short enough that a token left in a browser is soon worthless. */
export const EQUALITY_STEP_MINUTES = 120;

/** Tokens are random base64url; anything else cannot be one and is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export interface EqualityStepInput {
  token: string;
  /** The applicant ticked EQUALITY_CONSENT_WORDING: their own consent to this special-category data. */
  consent: boolean;
  answers: DemographicAnswers & { dateOfBirth?: string | null };
}

export interface EqualityStepReceipt {
  recorded: true;
  message: string;
}

/**
 * The optional equality questions after a public application. Only the token handed back with that
 * application authorises them: it names the application, works once and expires; an unknown, used,
 * expired or other intake's token is refused alike. The answers become the applicant's demographic
 * profile, resting on a consent of its own, in the same transaction as the token is spent, so they
 * count in the gap analysis at once.
 */
@Injectable()
export class EqualityStep {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly profiles: DemographicProfiles,
  ) {}

  async submit(intake: Pick<Intake, 'organisationId' | 'id'>, input: EqualityStepInput, trace: RequestTrace): Promise<EqualityStepReceipt> {
    if (!TOKEN.test(input.token)) throw invalid();
    const organisationId = intake.organisationId;
    return this.tenancy.run(organisationId, async (manager) => {
      // TypeORM answers an UPDATE ... RETURNING with [rows, count].
      const [[spent]]: [Array<{ application_id: string; person_id: string }>, number] = await manager.query(
        `UPDATE equality_step_tokens t SET used_at = now()
           FROM applications a
          WHERE t.organisation_id = $1 AND t.token_hash = $2 AND t.used_at IS NULL AND t.expires_at > now()
            AND a.organisation_id = t.organisation_id AND a.id = t.application_id AND a.intake_id = $3
        RETURNING a.id AS application_id, a.person_id`,
        [organisationId, hashToken(input.token), intake.id],
      );
      if (!spent) throw invalid();
      if (input.consent !== true) {
        // Thrown inside the transaction, so the token is not spent: ticking the box and sending again works.
        throw new PeopleError(PeopleErrorCode.ConsentRequired, 'Your answers are kept only if you tick the box to agree; or skip this step', [
          { field: 'consent', rule: 'required', message: 'Tick the box to agree that your answers may be kept, or skip these questions' },
        ]);
      }
      const { dateOfBirth, ...answers } = input.answers;
      // The date of birth is where ages come from for everyone (the application may have asked it already).
      if (dateOfBirth) await manager.query(`UPDATE people SET date_of_birth = $3, updated_at = now(), version = version + 1 WHERE organisation_id = $1 AND id = $2`, [organisationId, spent.person_id, dateOfBirth]);
      const profile = await this.profiles.store(manager, organisationId, spent.person_id, answers, { wording: EQUALITY_CONSENT_WORDING, method: 'online-form', givenAt: new Date() }, null);
      const answered = [...(dateOfBirth ? ['dateOfBirth'] : []), ...Object.keys(answers).filter((k) => answers[k as keyof typeof answers] !== undefined && answers[k as keyof typeof answers] !== null)];
      // Which questions were answered, never the answers.
      await this.audit.recordUnauthenticated(
        trace,
        organisationId,
        null,
        { action: 'person.demographics.recorded', entityType: 'person', entityId: spent.person_id, details: { consentId: profile.consentId, answered, via: 'public-form', applicationId: spent.application_id } },
        manager,
      );
      return { recorded: true, message: 'Thank you. Your answers have been kept with your consent; they are counted with everyone else’s to check the programme reaches everyone.' };
    });
  }
}

function invalid(): RecruitmentError {
  return new RecruitmentError(Code.EqualityStepInvalid, 'This link to the equality questions has expired or has already been used. Your application is not affected.', [
    { field: 'token', rule: 'validEqualityStep', message: 'token must be the one given with your application, used once, within two hours' },
  ]);
}
