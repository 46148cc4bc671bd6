import { ErrorDetail } from '@steppingstone/core';
import { CONSENT_METHODS, ConsentMethod } from '../entities/consent.entity';
import { answersOf, DEMOGRAPHIC_QUESTIONS, DemographicQuestion, LIVED_EXPERIENCE, PREFER_NOT_TO_SAY } from './demographic-categories';

/** A person's self-declared answers. A missing answer means "not recorded"; PREFER_NOT_TO_SAY is an answer. */
export interface DemographicAnswers {
  sex?: string | null;
  genderIdentity?: string | null;
  ethnicity?: string | null;
  disability?: string | null;
  religion?: string | null;
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
