import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { SelectField, TextField } from './forms';
import { queries } from './queries';
import type { EqualityQuestionSet, Schema } from './types';

/** GET /public/equality-questions: Census 2021's questions, the one source for every form that asks them. */
export interface EqualityOption {
  value: string;
  label: string;
  hint?: string;
  writeIn?: string;
}

export interface EqualityQuestion {
  field: 'sex' | 'dateOfBirth' | 'ethnicity' | 'disability' | 'religion' | 'genderIdentity' | 'sexualOrientation';
  question: string;
  hint?: string;
  answer: 'single' | 'date';
  askedOf: 'everyone' | 'aged 16 and over';
  comparesWith: string | null;
  options: EqualityOption[];
  groups?: Array<{ heading: string; options: EqualityOption[] }>;
  alternative?: { field: 'ageBand'; question: string; options: EqualityOption[] };
  writeInMaxLength?: number;
}

export type { EqualityQuestionSet };

/** The answers as the API takes them: census categories or "Prefer not to say", write-ins beside them. */
export type EqualityAnswers = Partial<
  Record<
    'sex' | 'ageBand' | 'ethnicity' | 'ethnicityOther' | 'disability' | 'religion' | 'religionOther' | 'genderIdentity' | 'genderIdentityOther' | 'sexualOrientation' | 'sexualOrientationOther',
    string
  >
>;

/**
 * The same answers as the DTOs type them, each one of the census's own values. The form offers only
 * the options GET /public/equality-questions serves, which are those values, but it learns them at
 * run time, so the answers it holds are plain strings until givenAnswers sends them.
 */
export type CensusAnswers = { [K in keyof EqualityAnswers]?: NonNullable<Schema<'DemographicAnswersDto'>[K]> };

export const PREFER_NOT_TO_SAY = 'Prefer not to say';

export function useEqualityQuestions() {
  // The questions change only with a release, so one fetch serves the whole visit.
  return useQuery(queries.equalityQuestions());
}

/** Every option of a question, its census sections flattened. */
export const optionsOf = (question: EqualityQuestion): EqualityOption[] => [...(question.groups ?? []).flatMap((g) => g.options), ...question.options];

/** The write-in field the chosen answer opens, if any. */
export function writeInOf(question: EqualityQuestion, value: string | undefined): string | undefined {
  return optionsOf(question).find((o) => o.value === value)?.writeIn;
}

/** Only the answers given, with a write-in only beside the answer that asks for it. */
export function givenAnswers(questions: EqualityQuestion[], answers: EqualityAnswers): CensusAnswers {
  const out: EqualityAnswers = {};
  const put = (key: keyof EqualityAnswers) => {
    const value = answers[key]?.trim();
    if (value) out[key] = value;
  };
  for (const question of questions) {
    if (question.field === 'dateOfBirth') {
      put('ageBand');
      continue;
    }
    put(question.field);
    const writeIn = writeInOf(question, answers[question.field]) as keyof EqualityAnswers | undefined;
    if (writeIn) put(writeIn);
  }
  return out as CensusAnswers;
}

/** Short names for the questions, for staff screens and tables. */
export const QUESTION_NAMES: Record<string, string> = {
  sex: 'Sex',
  ageBand: 'Age group',
  ethnicity: 'Ethnic group',
  ethnicityOther: 'Ethnic group, in their own words',
  disability: 'Disability (Equality Act)',
  religion: 'Religion',
  religionOther: 'Religion, in their own words',
  genderIdentity: 'Gender identity (aged 16 and over)',
  genderIdentityOther: 'Gender identity, in their own words',
  sexualOrientation: 'Sexual orientation (aged 16 and over)',
  sexualOrientationOther: 'Sexual orientation, in their own words',
};

/**
 * The census questions as selects, for staff copying a paper form: compact, the questionnaire's
 * labels, "Not answered" where the form left a question blank. The write-in box appears beside the
 * answer that has one.
 */
export function EqualitySelects({
  set,
  answers,
  onChange,
  idOf,
  errorOf,
}: {
  set: EqualityQuestionSet;
  answers: EqualityAnswers;
  onChange: (answers: EqualityAnswers) => void;
  idOf: (field: string) => string;
  errorOf: (field: string) => string | undefined;
}) {
  const change = (key: keyof EqualityAnswers) => (value: string) => onChange({ ...answers, [key]: value });
  return (
    <>
      {set.questions.map((question) => {
        const key = (question.field === 'dateOfBirth' ? 'ageBand' : question.field) as keyof EqualityAnswers;
        const options = question.field === 'dateOfBirth' ? (question.alternative?.options ?? []) : question.options;
        const writeIn = question.field === 'dateOfBirth' ? undefined : (writeInOf(question, answers[key]) as keyof EqualityAnswers | undefined);
        return (
          <Fragment key={key}>
            <SelectField
              id={idOf(key)}
              field={key}
              label={QUESTION_NAMES[key]}
              hint={question.field === 'dateOfBirth' ? 'Only when the form gave an age group instead of a date of birth' : question.question}
              value={answers[key] ?? ''}
              onChange={change(key)}
              error={errorOf(key)}
            >
              <option value="">Not answered</option>
              {(question.groups ?? []).map((group) => (
                <optgroup key={group.heading} label={group.heading}>
                  {group.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            {writeIn && (
              <TextField
                id={idOf(writeIn)}
                field={writeIn}
                label={`${QUESTION_NAMES[writeIn]} (optional)`}
                maxLength={question.writeInMaxLength}
                value={answers[writeIn] ?? ''}
                onChange={change(writeIn)}
                error={errorOf(writeIn)}
              />
            )}
          </Fragment>
        );
      })}
    </>
  );
}
