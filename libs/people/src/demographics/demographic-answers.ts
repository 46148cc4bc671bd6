import { ErrorDetail } from '@steppingstone/core';
import { CONSENT_METHODS, ConsentMethod } from '../entities/consent.entity';
import {
  answersOf,
  DEMOGRAPHIC_QUESTIONS,
  DemographicQuestion,
  LIVED_EXPERIENCE,
  PREFER_NOT_TO_SAY,
  SIXTEEN_AND_OVER_QUESTIONS,
  WRITE_IN_MAX_LENGTH,
  WRITE_INS,
  WriteIn,
} from './demographic-categories';

/** A person's self-declared answers. A missing answer means "not recorded"; PREFER_NOT_TO_SAY is an answer. */
export interface DemographicAnswers {
  sex?: string | null;
  ageBand?: string | null;
  genderIdentity?: string | null;
  genderIdentityOther?: string | null;
  sexualOrientation?: string | null;
  sexualOrientationOther?: string | null;
  ethnicity?: string | null;
  ethnicityOther?: string | null;
  disability?: string | null;
  religion?: string | null;
  religionOther?: string | null;
  englishProficiency?: string | null;
  mainLanguage?: string | null;
  livedExperience?: string[] | null;
}

/** What the person agreed to, how and when: the ground on which a demographic profile is stored. */
export interface ConsentStatement {
  wording: string;
  method: ConsentMethod;
  givenAt: Date | string;
}

export const MAIN_LANGUAGE_MAX_LENGTH = 60;
export const CONSENT_WORDING_MAX_LENGTH = 2000;
/** Clocks on phones and paper-form scanners drift; a consent "given" a few minutes ahead is still today's. */
export const CONSENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const LIVED_EXPERIENCE_ANSWERS: string[] = [...LIVED_EXPERIENCE, PREFER_NOT_TO_SAY];

/**
 * The same rules the HTTP layer applies, for callers that do not come through it (the public form,
 * the CSV import). Messages name the field and the rule, never the value given: the value is
 * special-category data and error bodies end up in logs.
 */
export function checkDemographicAnswers(answers: DemographicAnswers): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const question of Object.keys(DEMOGRAPHIC_QUESTIONS) as DemographicQuestion[]) {
    const value = answers[question];
    if (value !== undefined && value !== null && !answersOf(question).includes(value)) {
      problems.push({ field: question, rule: 'isIn', message: demographicAnswerMessage(question) });
    }
  }
  for (const writeIn of Object.keys(WRITE_INS) as WriteIn[]) {
    const problem = writeInProblem(writeIn, answers[writeIn], answers[WRITE_INS[writeIn].question]);
    if (problem) problems.push(problem);
  }
  const language = answers.mainLanguage;
  if (language !== undefined && language !== null && (typeof language !== 'string' || language.length > MAIN_LANGUAGE_MAX_LENGTH)) {
    problems.push({ field: 'mainLanguage', rule: 'maxLength', message: `mainLanguage must be text of at most ${MAIN_LANGUAGE_MAX_LENGTH} characters` });
  }
  const lived = answers.livedExperience;
  if (lived !== undefined && lived !== null && !isLivedExperience(lived)) {
    problems.push({ field: 'livedExperience', rule: 'livedExperience', message: livedExperienceMessage });
  }
  return problems;
}

export function checkConsentStatement(consent: ConsentStatement, now = new Date()): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (typeof consent.wording !== 'string' || !consent.wording.trim() || consent.wording.length > CONSENT_WORDING_MAX_LENGTH) {
    problems.push({ field: 'consent.wording', rule: 'wording', message: `consent.wording must be the words the person agreed to (1 to ${CONSENT_WORDING_MAX_LENGTH} characters)` });
  }
  if (!CONSENT_METHODS.includes(consent.method)) {
    problems.push({ field: 'consent.method', rule: 'isIn', message: `consent.method must be one of ${CONSENT_METHODS.join(', ')}` });
  }
  const givenAt = new Date(consent.givenAt);
  if (Number.isNaN(givenAt.getTime()) || givenAt.getTime() > now.getTime() + CONSENT_CLOCK_SKEW_MS) {
    problems.push({ field: 'consent.givenAt', rule: 'notInFuture', message: 'consent.givenAt must be a date-time that is not in the future' });
  }
  return problems;
}

/**
 * A write-in is the person's own words for an "any other" answer, so it stands only beside that
 * answer, as on the census form; its message never repeats what was written.
 */
export function writeInProblem(writeIn: WriteIn, value: unknown, answer: string | null | undefined): ErrorDetail | undefined {
  if (value === undefined || value === null) return undefined;
  const { question, with: answers } = WRITE_INS[writeIn];
  if (typeof value !== 'string' || !value.trim() || value.length > WRITE_IN_MAX_LENGTH) {
    return { field: writeIn, rule: 'maxLength', message: `${writeIn} must be text of 1 to ${WRITE_IN_MAX_LENGTH} characters` };
  }
  if (!answer || !(answers as readonly string[]).includes(answer)) {
    return { field: writeIn, rule: 'writeInAnswer', message: `${writeIn} goes only with a ${question} answer that asks for one (${answers.map((a) => `"${a}"`).join(', ')})` };
  }
  return undefined;
}

/**
 * Gender identity and sexual orientation were asked, in the census, of people aged 16 and over;
 * someone known to be younger is not asked them here either.
 */
export function ageRuleProblems(answers: DemographicAnswers, dateOfBirth: string | null | undefined, today = new Date()): ErrorDetail[] {
  if (!dateOfBirth || !under16(dateOfBirth, today)) return [];
  return SIXTEEN_AND_OVER_QUESTIONS.filter((question) => answers[question] !== undefined && answers[question] !== null).map((question) => ({
    field: question,
    rule: 'agedSixteenOrOver',
    message: `${question} is asked only of people aged 16 and over, as in the census`,
  }));
}

function under16(dateOfBirth: string, today: Date): boolean {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const sixteenth = new Date(Date.UTC(born.getUTCFullYear() + 16, born.getUTCMonth(), born.getUTCDate()));
  return today.getTime() < sixteenth.getTime();
}

/** Tags from the list, each once, or "Prefer not to say" on its own (it cannot sit beside an answer). */
export function isLivedExperience(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  if (value.some((tag) => typeof tag !== 'string' || !LIVED_EXPERIENCE_ANSWERS.includes(tag))) return false;
  if (new Set(value).size !== value.length) return false;
  return !(value.includes(PREFER_NOT_TO_SAY) && value.length > 1);
}

export function demographicAnswerMessage(question: DemographicQuestion): string {
  return `${question} must be one of the census answers for this question (see the API documentation) or "${PREFER_NOT_TO_SAY}"`;
}

export const livedExperienceMessage = `livedExperience must be a list of distinct tags from: ${LIVED_EXPERIENCE.join(', ')}; or ["${PREFER_NOT_TO_SAY}"] alone`;
