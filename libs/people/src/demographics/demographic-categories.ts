import {
  DISABILITY_CATEGORIES,
  ENGLISH_PROFICIENCY_CATEGORIES,
  ETHNICITY_CATEGORIES,
  PREFER_NOT_TO_SAY,
  RELIGION_CATEGORIES,
  CENSUS_NOT_ANSWERED,
  SEX_CATEGORIES,
} from '@steppingstone/representativeness/engine/analysis/dimensions';

/**
 * The answers a demographic profile accepts. Where the census asks the same question, the answers
 * are the census categories word for word, so a pool compares with the borough without translation.
 * Every question also accepts PREFER_NOT_TO_SAY; leaving it out means "not recorded".
 */
// The census vocabulary lives in the representativeness engine's plain-data module (imported by
// path, not through the lib's index, which also carries Nest modules that depend on this lib).
export { PREFER_NOT_TO_SAY };

export const SEX = SEX_CATEGORIES;

export const GENDER_IDENTITY = ['Same as sex registered at birth', 'Different from sex registered at birth'] as const;

/** Census 2021 ethnic group, 19 categories; the high-level group is the part before the colon. */
export const ETHNICITY = ETHNICITY_CATEGORIES;

export const DISABILITY = DISABILITY_CATEGORIES;

/** The census's "Not answered" is its own non-answer; a person here says "Prefer not to say" instead. */
export const RELIGION = RELIGION_CATEGORIES.filter((c) => c !== CENSUS_NOT_ANSWERED);

export const ENGLISH_PROFICIENCY = ENGLISH_PROFICIENCY_CATEGORIES;

/** Lived experience a peer programme values; free tags are refused so that figures add up. */
export const LIVED_EXPERIENCE = [
  'mental-health',
  'substance-use',
  'homelessness',
  'criminal-justice',
  'domestic-abuse',
  'care-experience',
  'refugee-or-asylum',
  'long-term-unemployment',
  'carer',
  'disability',
] as const;

/** The single-answer questions and their census-aligned answers, by profile field. */
export const DEMOGRAPHIC_QUESTIONS = {
  sex: SEX,
  genderIdentity: GENDER_IDENTITY,
  ethnicity: ETHNICITY,
  disability: DISABILITY,
  religion: RELIGION,
  englishProficiency: ENGLISH_PROFICIENCY,
} as const;

export type DemographicQuestion = keyof typeof DEMOGRAPHIC_QUESTIONS;

export function answersOf(question: DemographicQuestion): string[] {
  return [...DEMOGRAPHIC_QUESTIONS[question], PREFER_NOT_TO_SAY];
}
