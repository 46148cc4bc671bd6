import { ageBandScheme, bandForAge, CENSUS_FIVE_YEAR_BANDS } from '../engine/analysis/age-bands';
import { CategoryMapping } from '../engine/analysis/category-mapping';
import { AGE_18PLUS_CATEGORIES, ethnicGroupOf, NOT_RECORDED } from '@steppingstone/areas/engine';

const UNDER_18 = 'Under 18';

/** The person-level value a dimension is read from: a profile answer, the age in years, or the locality. */
export type PoolColumn = 'sex' | 'ethnicity' | 'disability' | 'religion' | 'english_proficiency' | 'age' | 'locality';

/**
 * A pool column's expression over `pv`, a row of people's `personAnswersSql` (what people keeps of
 * each person), with ages taken on `referenceDate` (the caller's expression: a placeholder such as
 * `:referenceDate`, or a column of its statement).
 */
/** Whether a pool column reads the person record (date of birth, locality), not only their equality answers. */
export function readsPersonRecord(column: PoolColumn): boolean {
  return column === 'age' || column === 'locality';
}

export function poolColumnSql(column: PoolColumn, referenceDate: string): string {
  switch (column) {
    case 'age':
      // Years from the date of birth; for someone who gave only an age group, that group's label.
      // On timestamps, not the timestamptz that age() would otherwise cast dates to: the same years,
      // with no time-zone conversion per row.
      return `coalesce(date_part('year', age(${referenceDate}::date::timestamp, pv.date_of_birth::timestamp))::int::text, pv.age_band)`;
    case 'locality':
      return 'pv.locality_id::text';
    default:
      return `pv.${column}`;
  }
}

export interface AnalysisDimension {
  key: string;
  label: string;
  column: PoolColumn;
  /** From the column's value to the dimension's category (undefined: not in any category). */
  categoryOf: CategoryMapping;
  /** A census dimension this one can be derived from when the dataset lacks it. */
  derivedFrom?: { dimension: string; mapping: 'ethnic-group' | 'heading' | 'adult-age-bands' };
}

const ADULT_BANDS = ageBandScheme(AGE_18PLUS_CATEGORIES);
const heading = (category: string) => category.split(':')[0].trim();
const same = (category: string) => category;
/**
 * Ages in years fall into the bands; an age group answered instead of a date of birth is already an
 * adult band, and places nobody in a five-year band it straddles (that person counts as not recorded there).
 */
const fromAge =
  (bands = CENSUS_FIVE_YEAR_BANDS) =>
  (value: string) => {
    if (/^\d+$/.test(value)) return bandForAge(Number(value), bands) ?? UNDER_18;
    return bands.some((b) => b.label === value) || value === UNDER_18 ? value : NOT_RECORDED;
  };

/** Every dimension a gap analysis can use, and how a pool member's record maps onto the census's categories. */
export const ANALYSIS_DIMENSIONS: readonly AnalysisDimension[] = [
  { key: 'sex', label: 'Sex', column: 'sex', categoryOf: same },
  { key: 'ethnicity', label: 'Ethnic group', column: 'ethnicity', categoryOf: same },
  { key: 'ethnicity_broad', label: 'Ethnic group (high level)', column: 'ethnicity', categoryOf: (c) => ethnicGroupOf(c) ?? c, derivedFrom: { dimension: 'ethnicity', mapping: 'ethnic-group' } },
  { key: 'disability', label: 'Disability', column: 'disability', categoryOf: same },
  { key: 'disability_broad', label: 'Disability (high level)', column: 'disability', categoryOf: heading, derivedFrom: { dimension: 'disability', mapping: 'heading' } },
  { key: 'religion', label: 'Religion', column: 'religion', categoryOf: same },
  { key: 'english_proficiency', label: 'Proficiency in English', column: 'english_proficiency', categoryOf: same },
  { key: 'age', label: 'Age (five-year bands)', column: 'age', categoryOf: fromAge() },
  { key: 'age_18plus', label: 'Age (adults)', column: 'age', categoryOf: fromAge(ADULT_BANDS), derivedFrom: { dimension: 'age', mapping: 'adult-age-bands' } },
  { key: 'locality', label: 'Locality', column: 'locality', categoryOf: same },
];

export const DEFAULT_DIMENSIONS = ['sex', 'age_18plus', 'ethnicity_broad', 'disability_broad', 'religion', 'locality'];

export function analysisDimension(key: string): AnalysisDimension | undefined {
  return ANALYSIS_DIMENSIONS.find((d) => d.key === key);
}

export const ANALYSIS_DIMENSION_KEYS = ANALYSIS_DIMENSIONS.map((d) => d.key);

export { ADULT_BANDS };
