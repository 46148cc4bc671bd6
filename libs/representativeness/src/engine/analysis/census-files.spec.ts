/*
 * The dimension definitions against the real ONS Census 2021 files kept in the repository's data/census: every
 * category must be spelled as the files spell it, and the mappings between levels must reproduce
 * the census's own high-level tables.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDimension } from './gap-analysis';
import { mapCounts } from './category-mapping';
import { ageBandScheme, rebandCounts } from './age-bands';
import { censusDimension, ethnicGroupOf } from '@steppingstone/areas/engine';

const CENSUS = join(__dirname, '../../../../..', 'data/census');
const BOLTON = 'E08000001';
const ISLINGTON = 'E09000019';

function counts(file: string, area: string, dimension: string): Map<string, number> {
  const rows = parse(readFileSync(join(CENSUS, file), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  return new Map(rows.filter((r) => r.area_code === area && r.dimension === dimension).map((r) => [r.category, Number(r.count)]));
}

describe.each([
  ['Bolton', BOLTON],
  ['Islington', ISLINGTON],
])('census files for %s', (_name, area) => {
  it.each([
    ['ethnicity_by_la.csv', 'ethnicity'],
    ['ethnicity_by_la.csv', 'ethnicity_broad'],
    ['age_by_la.csv', 'age'],
    ['age_18plus_by_la.csv', 'age_18plus'],
    ['sex_by_la.csv', 'sex'],
    ['disability_by_la.csv', 'disability'],
    ['disability_by_la.csv', 'disability_broad'],
    ['religion_by_la.csv', 'religion'],
    ['english_proficiency_by_la.csv', 'english_proficiency'],
  ])('%s has exactly the categories of %s', (file, dimension) => {
    expect([...counts(file, area, dimension).keys()].sort()).toEqual([...(censusDimension(dimension)?.categories ?? [])].sort());
  });

  it('rolls the 19 detailed ethnic groups up to the census high-level table', () => {
    const rolled = mapCounts(counts('ethnicity_by_la.csv', area, 'ethnicity'), ethnicGroupOf);
    expect(Object.fromEntries(rolled)).toEqual(Object.fromEntries(counts('ethnicity_by_la.csv', area, 'ethnicity_broad')));
  });

  it('re-bands five-year ages into the adult bands close to the census 18+ table', () => {
    const adult = rebandCounts(counts('age_by_la.csv', area, 'age'), ageBandScheme(['25-34', '35-44', '45-54', '55-64', '65+']));
    const census = counts('age_18plus_by_la.csv', area, 'age_18plus');
    for (const band of ['25-34', '35-44', '45-54', '55-64', '65+']) expect(Math.abs((adult.get(band) ?? 0) - (census.get(band) ?? 0))).toBeLessThan(5);
  });

  it('compares a small pool with the borough', () => {
    const gap = analyseDimension({ dimension: 'sex', population: { Female: 20, Male: 10, 'Prefer not to say': 2 }, reference: counts('sex_by_la.csv', area, 'sex') });
    const female = gap.categories.find((c) => c.category === 'Female');
    expect(female?.referenceShare).toBeGreaterThan(0.49);
    expect(female?.referenceShare).toBeLessThan(0.53);
    // Two thirds of the disclosed are women against about half the borough: outside 0.8-1.25 both ways.
    expect(female?.flag).toBe('over');
    expect(gap.categories.find((c) => c.category === 'Male')?.flag).toBe('under');
    expect(gap.excludedFromShares).toBe(2);
  });
});
