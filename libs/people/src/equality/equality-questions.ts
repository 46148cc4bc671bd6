import { CENSUS_DIMENSIONS } from '@steppingstone/areas/engine';
import {
  AGE_BANDS,
  DISABILITY,
  ETHNICITY,
  GENDER_IDENTITY,
  PREFER_NOT_TO_SAY,
  RELIGION,
  SEX,
  SEXUAL_ORIENTATION,
  UNDER_18,
  WRITE_IN_MAX_LENGTH,
  WriteIn,
} from '../demographics/demographic-categories';

/*
 * The equality monitoring questions, worded as Census 2021 asked them in England, with the census's
 * own categories as the stored values, so answers compare with the census tables without any
 * translation. The web form renders this set; the API validates against the same lists.
 */

/** The words the person ticks, stored word for word with their consent. Separate from consent to be contacted. */
export const EQUALITY_CONSENT_WORDING =
  'I agree that the organisation running this programme may keep my answers to these equality questions, to check that the programme reaches everyone in the borough. I understand that only its coordinators and administrators can see my individual answers, and that I can ask for my answers to be deleted at any time.';

export const EQUALITY_PURPOSE =
  'We ask these questions to check that the programme reaches everyone in the borough. Your answers are counted with everyone else’s and compared with the 2021 Census, so that we can see which groups are not applying yet and reach them. If more people apply than there are places, the answers may also be used to choose a group of trainees that reflects the borough, giving everyone as equal a chance as possible.';

export const EQUALITY_WHO_SEES =
  'Only the programme’s coordinators and administrators at the organisation can see your individual answers, and each time they look it is recorded. Trainers, mentors and referral partners cannot see them. Reports show totals only, never names.';

export const EQUALITY_OPTIONAL = 'These questions are optional. You can skip any of them, and every question has a “Prefer not to say” answer.';

export interface EqualityOption {
  /** What is stored and sent: the census category itself, or "Prefer not to say". */
  value: string;
  /** What the person reads, in the census questionnaire's words. */
  label: string;
  hint?: string;
  /** This answer has a write-in box, sent as this field. */
  writeIn?: WriteIn;
}

export interface EqualityQuestion {
  /** The field the answer is sent as. */
  field: 'sex' | 'dateOfBirth' | 'ethnicity' | 'disability' | 'religion' | 'genderIdentity' | 'sexualOrientation';
  question: string;
  hint?: string;
  /** `date`: a calendar date, with `alternative` for those who would rather give an age group. */
  answer: 'single' | 'date';
  /** As in the census: some questions were asked only of people aged 16 and over. */
  askedOf: 'everyone' | 'aged 16 and over';
  /** The census dimension the answers are compared with in the gap analysis; null when the product holds no table for it. */
  comparesWith: string | null;
  /** Choices, "Prefer not to say" last; for ethnic group, under `groups` instead. */
  options: EqualityOption[];
  /** The census's sections (ethnic group: "choose one section, then one box"). */
  groups?: Array<{ heading: string; options: EqualityOption[] }>;
  alternative?: { field: 'ageBand'; question: string; options: EqualityOption[] };
  writeInMaxLength?: number;
}

export interface EqualityQuestionSet {
  consent: { wording: string; purpose: string; whoSees: string; optional: string };
  questions: EqualityQuestion[];
}

const preferNotToSay: EqualityOption = { value: PREFER_NOT_TO_SAY, label: PREFER_NOT_TO_SAY };
const option = (value: string, label = value, extra: Partial<EqualityOption> = {}): EqualityOption => ({ value, label, ...extra });

/** The questionnaire's words for each of the 19 categories, by census category. */
const ETHNIC_LABELS: Record<string, { label: string; writeIn?: boolean }> = {
  'White: English, Welsh, Scottish, Northern Irish or British': { label: 'English, Welsh, Scottish, Northern Irish or British' },
  'White: Irish': { label: 'Irish' },
  'White: Gypsy or Irish Traveller': { label: 'Gypsy or Irish Traveller' },
  'White: Roma': { label: 'Roma' },
  'White: Other White': { label: 'Any other White background', writeIn: true },
  'Mixed or Multiple ethnic groups: White and Black Caribbean': { label: 'White and Black Caribbean' },
  'Mixed or Multiple ethnic groups: White and Black African': { label: 'White and Black African' },
  'Mixed or Multiple ethnic groups: White and Asian': { label: 'White and Asian' },
  'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups': { label: 'Any other Mixed or Multiple ethnic background', writeIn: true },
  'Asian, Asian British or Asian Welsh: Indian': { label: 'Indian' },
  'Asian, Asian British or Asian Welsh: Pakistani': { label: 'Pakistani' },
  'Asian, Asian British or Asian Welsh: Bangladeshi': { label: 'Bangladeshi' },
  'Asian, Asian British or Asian Welsh: Chinese': { label: 'Chinese' },
  'Asian, Asian British or Asian Welsh: Other Asian': { label: 'Any other Asian background', writeIn: true },
  'Black, Black British, Black Welsh, Caribbean or African: Caribbean': { label: 'Caribbean' },
  'Black, Black British, Black Welsh, Caribbean or African: African': { label: 'African background', writeIn: true },
  'Black, Black British, Black Welsh, Caribbean or African: Other Black': { label: 'Any other Black, Black British or Caribbean background', writeIn: true },
  'Other ethnic group: Arab': { label: 'Arab' },
  'Other ethnic group: Any other ethnic group': { label: 'Any other ethnic group', writeIn: true },
};

/** The questionnaire's order of sections, A to E. */
const ETHNIC_SECTIONS = ['White', 'Mixed or Multiple ethnic groups', 'Asian, Asian British or Asian Welsh', 'Black, Black British, Black Welsh, Caribbean or African', 'Other ethnic group'];

function ethnicGroups(): Array<{ heading: string; options: EqualityOption[] }> {
  return ETHNIC_SECTIONS.map((heading) => ({
    heading,
    options: ETHNICITY.filter((category) => category.startsWith(`${heading}:`)).map((category) => {
      const { label, writeIn } = ETHNIC_LABELS[category];
      return option(category, label, writeIn ? { writeIn: 'ethnicityOther', hint: 'You can describe it in your own words' } : {});
    }),
  }));
}

const DISABILITY_LABELS: Record<string, string> = {
  [DISABILITY[0]]: 'Yes, and they reduce my ability to carry out day-to-day activities a lot',
  [DISABILITY[1]]: 'Yes, and they reduce my ability to carry out day-to-day activities a little',
  [DISABILITY[2]]: 'Yes, but they do not reduce my ability to carry out day-to-day activities',
  [DISABILITY[3]]: 'No',
};

const AGE_LABELS: Record<string, string> = { [UNDER_18]: 'Under 18', '65+': '65 or over' };
const ageLabel = (band: string) => AGE_LABELS[band] ?? band.replace('-', ' to ');

const RELIGION_HINTS: Record<string, string> = { Christian: 'Including Church of England, Catholic, Protestant and all other Christian denominations' };

function comparable(dimension: string): string {
  if (!CENSUS_DIMENSIONS.some((d) => d.key === dimension)) throw new Error(`No census dimension ${dimension}`);
  return dimension;
}

/** The whole set, in the order the census asks it. */
export const EQUALITY_QUESTION_SET: EqualityQuestionSet = {
  consent: { wording: EQUALITY_CONSENT_WORDING, purpose: EQUALITY_PURPOSE, whoSees: EQUALITY_WHO_SEES, optional: EQUALITY_OPTIONAL },
  questions: [
    {
      field: 'sex',
      question: 'What is your sex?',
      hint: 'If you are aged 16 or over, there is a question about gender identity later.',
      answer: 'single',
      askedOf: 'everyone',
      comparesWith: comparable('sex'),
      options: [...SEX.map((s) => option(s)), preferNotToSay],
    },
    {
      field: 'dateOfBirth',
      question: 'What is your date of birth?',
      hint: 'For example, 27 3 1985',
      answer: 'date',
      askedOf: 'everyone',
      comparesWith: comparable('age_18plus'),
      options: [preferNotToSay],
      alternative: {
        field: 'ageBand',
        question: 'If you would rather not give your date of birth, which age group are you in?',
        options: [...AGE_BANDS.map((band) => option(band, ageLabel(band))), preferNotToSay],
      },
    },
    {
      field: 'ethnicity',
      question: 'What is your ethnic group?',
      hint: 'Choose one section, then the one answer that best describes your ethnic group or background.',
      answer: 'single',
      askedOf: 'everyone',
      comparesWith: comparable('ethnicity'),
      options: [preferNotToSay],
      groups: ethnicGroups(),
      writeInMaxLength: WRITE_IN_MAX_LENGTH,
    },
    {
      field: 'disability',
      question:
        'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more? If so, do any of them reduce your ability to carry out day-to-day activities?',
      hint: 'These are the census’s two questions in one; the answers give the Equality Act definition of disability the census counts by.',
      answer: 'single',
      askedOf: 'everyone',
      comparesWith: comparable('disability'),
      options: [...DISABILITY.map((d) => option(d, DISABILITY_LABELS[d])), preferNotToSay],
    },
    {
      field: 'religion',
      question: 'What is your religion?',
      answer: 'single',
      askedOf: 'everyone',
      comparesWith: comparable('religion'),
      options: [
        ...RELIGION.map((r) => (r === 'Other religion' ? option(r, 'Any other religion', { writeIn: 'religionOther' }) : option(r, r, RELIGION_HINTS[r] ? { hint: RELIGION_HINTS[r] } : {}))),
        preferNotToSay,
      ],
      writeInMaxLength: WRITE_IN_MAX_LENGTH,
    },
    {
      field: 'genderIdentity',
      question: 'Is the gender you identify with the same as your sex registered at birth?',
      hint: 'Asked of people aged 16 and over.',
      answer: 'single',
      askedOf: 'aged 16 and over',
      comparesWith: null,
      options: [option(GENDER_IDENTITY[0], 'Yes'), option(GENDER_IDENTITY[1], 'No', { writeIn: 'genderIdentityOther', hint: 'You can write in your gender identity' }), preferNotToSay],
      writeInMaxLength: WRITE_IN_MAX_LENGTH,
    },
    {
      field: 'sexualOrientation',
      question: 'Which of the following best describes your sexual orientation?',
      hint: 'Asked of people aged 16 and over.',
      answer: 'single',
      askedOf: 'aged 16 and over',
      comparesWith: null,
      options: [...SEXUAL_ORIENTATION.map((o) => (o === 'Other sexual orientation' ? option(o, o, { writeIn: 'sexualOrientationOther' }) : option(o))), preferNotToSay],
      writeInMaxLength: WRITE_IN_MAX_LENGTH,
    },
  ],
};

/**
 * Every answer a spreadsheet cell may hold for a question, lower-cased: the census category and
 * the questionnaire's label both name the same answer.
 */
export function equalityAnswerSpellings(field: 'sex' | 'ageBand' | 'ethnicity' | 'disability' | 'religion' | 'genderIdentity' | 'sexualOrientation'): Map<string, string> {
  const question = EQUALITY_QUESTION_SET.questions.find((q) => q.field === field);
  const options =
    field === 'ageBand'
      ? EQUALITY_QUESTION_SET.questions.find((q) => q.field === 'dateOfBirth')!.alternative!.options
      : [...(question?.options ?? []), ...(question?.groups ?? []).flatMap((g) => g.options)];
  const spellings = new Map<string, string>();
  for (const o of options) {
    spellings.set(o.value.toLowerCase(), o.value);
    // "Yes" and "No" mean nothing on their own in a spreadsheet column; only the census wording counts there.
    if (!['yes', 'no'].includes(o.label.toLowerCase())) spellings.set(o.label.toLowerCase(), o.value);
  }
  return spellings;
}
