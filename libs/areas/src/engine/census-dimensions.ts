/*
 * Census 2021 dimensions with their categories spelled exactly as the ONS tables (and so the census
 * CSV files) spell them, so that imported reference counts and recorded profiles match by string.
 */

/** Groups that are always shown and counted but never part of a share's denominator. */
export const PREFER_NOT_TO_SAY = 'Prefer not to say';
export const NOT_RECORDED = 'Not recorded';
export const UNDISCLOSED_CATEGORIES: readonly string[] = [PREFER_NOT_TO_SAY, NOT_RECORDED];
/** The census's own non-answer (religion was a voluntary question); excluded from reference denominators. */
export const CENSUS_NOT_ANSWERED = 'Not answered';

export interface DimensionDefinition {
  /** The `dimension` column of the census files. */
  key: string;
  label: string;
  categories: readonly string[];
  /** The coarser dimension these categories roll up to, if the census publishes one. */
  broader?: { key: string; groupOf: (category: string) => string | undefined };
}

export const ETHNICITY_CATEGORIES: readonly string[] = [
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
];

/**
 * The five high-level groups: the heading before the colon in a detailed category, and the short
 * name the census files use for the same group in the `ethnicity_broad` dimension.
 */
export const ETHNIC_GROUPS: ReadonlyArray<{ group: string; heading: string }> = [
  { group: 'Asian', heading: 'Asian, Asian British or Asian Welsh' },
  { group: 'Black', heading: 'Black, Black British, Black Welsh, Caribbean or African' },
  { group: 'Mixed or Multiple', heading: 'Mixed or Multiple ethnic groups' },
  { group: 'White', heading: 'White' },
  { group: 'Other', heading: 'Other ethnic group' },
];

/** The high-level ethnic group of a detailed category (or of a heading), or undefined if unknown. */
export function ethnicGroupOf(category: string): string | undefined {
  const heading = category.includes(':') ? category.slice(0, category.indexOf(':')).trim() : category.trim();
  return ETHNIC_GROUPS.find((g) => g.heading === heading || g.group === heading)?.group;
}

export const AGE_FIVE_YEAR_CATEGORIES: readonly string[] = ['Aged 4 years and under', ...Array.from({ length: 16 }, (_, i) => `Aged ${5 + i * 5} to ${9 + i * 5} years`), 'Aged 85 years and over'];

export const AGE_18PLUS_CATEGORIES: readonly string[] = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];

export const SEX_CATEGORIES: readonly string[] = ['Female', 'Male'];

export const DISABILITY_CATEGORIES: readonly string[] = [
  'Disabled under the Equality Act: Day-to-day activities limited a lot',
  'Disabled under the Equality Act: Day-to-day activities limited a little',
  'Not disabled under the Equality Act: Has long term physical or mental health condition but day-to-day activities are not limited',
  'Not disabled under the Equality Act: No long term physical or mental health conditions',
];

export const DISABILITY_GROUPS: readonly string[] = ['Disabled under the Equality Act', 'Not disabled under the Equality Act'];

export const RELIGION_CATEGORIES: readonly string[] = ['No religion', 'Christian', 'Buddhist', 'Hindu', 'Jewish', 'Muslim', 'Sikh', 'Other religion', CENSUS_NOT_ANSWERED];

export const ENGLISH_PROFICIENCY_CATEGORIES: readonly string[] = [
  'Main language is English (English or Welsh in Wales)',
  'Main language is not English (English or Welsh in Wales): Can speak English very well',
  'Main language is not English (English or Welsh in Wales): Can speak English well',
  'Main language is not English (English or Welsh in Wales): Cannot speak English well',
  'Main language is not English (English or Welsh in Wales): Cannot speak English',
];

function headingGroup(groups: readonly string[]) {
  return (category: string): string | undefined => {
    const heading = category.split(':')[0].trim();
    return groups.find((g) => g === heading);
  };
}

export const CENSUS_DIMENSIONS: readonly DimensionDefinition[] = [
  {
    key: 'ethnicity',
    label: 'Ethnic group',
    categories: ETHNICITY_CATEGORIES,
    broader: { key: 'ethnicity_broad', groupOf: ethnicGroupOf },
  },
  { key: 'ethnicity_broad', label: 'Ethnic group (high level)', categories: ETHNIC_GROUPS.map((g) => g.group) },
  { key: 'age', label: 'Age (five-year bands)', categories: AGE_FIVE_YEAR_CATEGORIES },
  { key: 'age_18plus', label: 'Age (adults)', categories: AGE_18PLUS_CATEGORIES },
  { key: 'sex', label: 'Sex', categories: SEX_CATEGORIES },
  {
    key: 'disability',
    label: 'Disability',
    categories: DISABILITY_CATEGORIES,
    broader: { key: 'disability_broad', groupOf: headingGroup(DISABILITY_GROUPS) },
  },
  { key: 'disability_broad', label: 'Disability (high level)', categories: DISABILITY_GROUPS },
  { key: 'religion', label: 'Religion', categories: RELIGION_CATEGORIES },
  { key: 'english_proficiency', label: 'Proficiency in English', categories: ENGLISH_PROFICIENCY_CATEGORIES },
];

export function censusDimension(key: string): DimensionDefinition | undefined {
  return CENSUS_DIMENSIONS.find((d) => d.key === key);
}

export function isUndisclosed(category: string): boolean {
  return UNDISCLOSED_CATEGORIES.includes(category);
}
