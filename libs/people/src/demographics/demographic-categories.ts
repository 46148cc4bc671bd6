/**
 * The answers a demographic profile accepts. Where the census asks the same question, the answers
 * are the census categories word for word, so a pool compares with the borough without translation.
 * Every question also accepts PREFER_NOT_TO_SAY; leaving it out means "not recorded".
 */
export const PREFER_NOT_TO_SAY = 'Prefer not to say';

export const SEX = ['Female', 'Male'] as const;

export const GENDER_IDENTITY = ['Same as sex registered at birth', 'Different from sex registered at birth'] as const;

/** Census 2021 ethnic group, 19 categories; the high-level group is the part before the colon. */
export const ETHNICITY = [
  'Asian, Asian British or Asian Welsh: Bangladeshi',
  'Asian, Asian British or Asian Welsh: Chinese',
  'Asian, Asian British or Asian Welsh: Indian',
  'Asian, Asian British or Asian Welsh: Pakistani',
  'Asian, Asian British or Asian Welsh: Other Asian',
  'Black, Black British, Black Welsh, Caribbean or African: African',
  'Black, Black British, Black Welsh, Caribbean or African: Caribbean',
  'Black, Black British, Black Welsh, Caribbean or African: Other Black',
  'Mixed or Multiple ethnic groups: White and Asian',
  'Mixed or Multiple ethnic groups: White and Black African',
  'Mixed or Multiple ethnic groups: White and Black Caribbean',
  'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups',
  'White: English, Welsh, Scottish, Northern Irish or British',
  'White: Irish',
  'White: Gypsy or Irish Traveller',
  'White: Roma',
  'White: Other White',
  'Other ethnic group: Arab',
  'Other ethnic group: Any other ethnic group',
] as const;

export const DISABILITY = [
  'Disabled under the Equality Act: Day-to-day activities limited a lot',
  'Disabled under the Equality Act: Day-to-day activities limited a little',
  'Not disabled under the Equality Act: Has long term physical or mental health condition but day-to-day activities are not limited',
  'Not disabled under the Equality Act: No long term physical or mental health conditions',
] as const;

export const RELIGION = ['No religion', 'Christian', 'Buddhist', 'Hindu', 'Jewish', 'Muslim', 'Sikh', 'Other religion'] as const;

export const ENGLISH_PROFICIENCY = [
  'Main language is English (English or Welsh in Wales)',
  'Main language is not English (English or Welsh in Wales): Can speak English very well',
  'Main language is not English (English or Welsh in Wales): Can speak English well',
  'Main language is not English (English or Welsh in Wales): Cannot speak English well',
  'Main language is not English (English or Welsh in Wales): Cannot speak English',
] as const;

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
