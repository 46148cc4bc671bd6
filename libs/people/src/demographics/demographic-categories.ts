import {
  AGE_18PLUS_CATEGORIES,
  DISABILITY_CATEGORIES,
  ENGLISH_PROFICIENCY_CATEGORIES,
  ETHNICITY_CATEGORIES,
  PREFER_NOT_TO_SAY,
  RELIGION_CATEGORIES,
  CENSUS_NOT_ANSWERED,
  SEX_CATEGORIES,
} from '@steppingstone/areas/engine';

/**
 * The answers a demographic profile accepts. Where the census asks the same question, the answers
 * are the census categories word for word, so a pool compares with the borough without translation.
 * Every question also accepts PREFER_NOT_TO_SAY; leaving it out means "not recorded".
 */
// The census vocabulary is areas' plain-data engine entry: the same words representativeness
// compares with the census, without people depending on representativeness.
export { PREFER_NOT_TO_SAY };

export const SEX = SEX_CATEGORIES;

/** Census 2021's gender identity question (asked of people aged 16 and over), its two answers. */
export const GENDER_IDENTITY = ['Same as sex registered at birth', 'Different from sex registered at birth'] as const;

/** Census 2021's sexual orientation question (aged 16 and over); the last answer has a write-in. */
export const SEXUAL_ORIENTATION = ['Straight or Heterosexual', 'Gay or Lesbian', 'Bisexual', 'Other sexual orientation'] as const;

/**
 * An age group for someone who would rather not give a date of birth: the census's adult bands (so
 * it compares with the borough's adults), and a band below them.
 */
export const UNDER_18 = 'Under 18';
export const AGE_BANDS = [UNDER_18, ...AGE_18PLUS_CATEGORIES];

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
  ageBand: AGE_BANDS,
  genderIdentity: GENDER_IDENTITY,
  sexualOrientation: SEXUAL_ORIENTATION,
  ethnicity: ETHNICITY,
  disability: DISABILITY,
  religion: RELIGION,
  englishProficiency: ENGLISH_PROFICIENCY,
} as const;

export type DemographicQuestion = keyof typeof DEMOGRAPHIC_QUESTIONS;

/** The census's write-in boxes: which answer each belongs to, so a write-in never stands beside another answer. */
export const WRITE_INS = {
  ethnicityOther: {
    question: 'ethnicity',
    with: [
      'White: Other White',
      'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups',
      'Asian, Asian British or Asian Welsh: Other Asian',
      'Black, Black British, Black Welsh, Caribbean or African: African',
      'Black, Black British, Black Welsh, Caribbean or African: Other Black',
      'Other ethnic group: Any other ethnic group',
    ],
  },
  religionOther: { question: 'religion', with: ['Other religion'] },
  genderIdentityOther: { question: 'genderIdentity', with: ['Different from sex registered at birth'] },
  sexualOrientationOther: { question: 'sexualOrientation', with: ['Other sexual orientation'] },
} as const satisfies Record<string, { question: DemographicQuestion; with: readonly string[] }>;

export type WriteIn = keyof typeof WRITE_INS;
export const WRITE_IN_MAX_LENGTH = 100;

/** Asked, as the census asked them, only of people aged 16 and over. */
export const SIXTEEN_AND_OVER_QUESTIONS = ['genderIdentity', 'sexualOrientation'] as const;

export function answersOf(question: DemographicQuestion): string[] {
  return [...DEMOGRAPHIC_QUESTIONS[question], PREFER_NOT_TO_SAY];
}
