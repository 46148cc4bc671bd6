import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ONS Census 2021 files kept in the repository (data/census, Open Government Licence v3.0). */
export function censusFile(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'data', 'census', name), 'utf8');
}

export const CENSUS_TABLES = [
  'ethnicity_by_la.csv',
  'sex_by_la.csv',
  'age_by_la.csv',
  'age_18plus_by_la.csv',
  'disability_by_la.csv',
  'religion_by_la.csv',
  'english_proficiency_by_la.csv',
  'population_totals_by_la.csv',
] as const;
