import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashToken, queryPrepared, RequestTrace } from '@steppingstone/core';
import {
  checkDemographicAnswers,
  DemographicAnswers,
  EQUALITY_CONSENT_WORDING,
  PeopleError,
  PeopleErrorCode,
  PUBLIC_ANSWER_FIELDS,
  PublicAnswerField,
  SIXTEEN_AND_OVER_QUESTIONS,
} from '@steppingstone/people';
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
  answers: Pick<DemographicAnswers, PublicAnswerField> & { dateOfBirth?: string | null };
}

export interface EqualityStepReceipt {
  recorded: true;
  message: string;
}

/**
 * The optional equality questions after a public application. Only the token handed back with that
 * application authorises them: it names the application, works once and expires; an unknown, used,
 * expired or other intake's token is refused alike. The answers become the applicant's demographic
 * profile, resting on a consent of its own, in the same statement as the token is spent (see the
 * PublicFormOwnerFunctions migration), so they count in the gap analysis at once.
 */
@Injectable()
export class EqualityStep {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async submit(intake: Pick<Intake, 'organisationId' | 'id'>, input: EqualityStepInput, trace: RequestTrace): Promise<EqualityStepReceipt> {
    if (!TOKEN.test(input.token)) throw invalid();
    if (input.consent !== true) {
      throw new PeopleError(PeopleErrorCode.ConsentRequired, 'Your answers are kept only if you tick the box to agree; or skip this step', [
        { field: 'consent', rule: 'required', message: 'Tick the box to agree that your answers may be kept, or skip these questions' },
      ]);
    }
    const { dateOfBirth, ...given } = input.answers;
    const answers = Object.fromEntries(PUBLIC_ANSWER_FIELDS.filter((field) => given[field] !== undefined && given[field] !== null).map((field) => [field, given[field]])) as DemographicAnswers;
    const problems = checkDemographicAnswers(answers);
    if (problems.length) throw new PeopleError(PeopleErrorCode.InvalidDemographicAnswer, `Invalid ${problems.map((p) => p.field).join(', ')}`, problems);

    // Which questions were answered goes in the audit entry, never the answers.
    const answered = [...(dateOfBirth ? ['dateOfBirth'] : []), ...Object.keys(answers)];
    const rows = await queryPrepared<{ o_outcome: 'invalid' | 'under-16' | 'stored' }>(this.dataSource, {
      name: 'recruitment_submit_equality_answers',
      text: `SELECT o_outcome FROM recruitment_submit_equality_answers($1, $2, $3, $4, $5, $6, $7)`,
      values: [
        intake.organisationId,
        intake.id,
        hashToken(input.token),
        dateOfBirth ?? null,
        JSON.stringify(answers),
        EQUALITY_CONSENT_WORDING,
        JSON.stringify({ requestId: trace.requestId, ip: trace.ip ?? null, answered }),
      ],
    });
    switch (rows[0].o_outcome) {
      case 'invalid':
        throw invalid();
      case 'under-16': {
        const asked = SIXTEEN_AND_OVER_QUESTIONS.filter((question) => answers[question] !== undefined);
        throw new PeopleError(
          PeopleErrorCode.InvalidDemographicAnswer,
          `Invalid ${asked.join(', ')}`,
          asked.map((question) => ({ field: question, rule: 'agedSixteenOrOver', message: `${question} is asked only of people aged 16 and over, as in the census` })),
        );
      }
      case 'stored':
        return { recorded: true, message: 'Thank you. Your answers have been kept with your consent; they are counted with everyone else’s to check the programme reaches everyone.' };
    }
  }
}

function invalid(): RecruitmentError {
  return new RecruitmentError(Code.EqualityStepInvalid, 'This link to the equality questions has expired or has already been used. Your application is not affected.', [
    { field: 'token', rule: 'validEqualityStep', message: 'token must be the one given with your application, used once, within two hours' },
  ]);
}
