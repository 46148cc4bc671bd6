import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSortitionFiles, SortitionFormatError } from './sortition-format';

const LAYOUTS = join(__dirname, '../../../../../test/fixtures/sortition/layouts');
const fixture = (name: string) => readFileSync(join(LAYOUTS, name), 'utf8');

const categories = 'category,feature,min,max\ngender,Female,1,2\ngender,Male,1,2\narea,North,1,2\narea,South,1,2\n';

describe('parseSortitionFiles', () => {
  it('reads quotas and respondents, using the id column and keeping extra columns for output', () => {
    const pool = parseSortitionFiles({
      categoriesCsv: categories,
      respondentsCsv: 'name,ID,gender,area\nAda,a1,Female,North\nBo,b2,Male,South\n',
    });
    expect(pool.quotas).toEqual([
      { category: 'gender', feature: 'Female', min: 1, max: 2 },
      { category: 'gender', feature: 'Male', min: 1, max: 2 },
      { category: 'area', feature: 'North', min: 1, max: 2 },
      { category: 'area', feature: 'South', min: 1, max: 2 },
    ]);
    expect(pool.respondents).toEqual([
      { id: 'a1', features: { gender: 'Female', area: 'North' } },
      { id: 'b2', features: { gender: 'Male', area: 'South' } },
    ]);
    expect(pool.columns).toEqual(['ID', 'name', 'gender', 'area']);
    expect(pool.rows[0]).toEqual({ id: 'a1', values: { name: 'Ada', ID: 'a1', gender: 'Female', area: 'North' } });
  });

  it('numbers respondents from 1 when there is no id column', () => {
    const pool = parseSortitionFiles({ categoriesCsv: categories, respondentsCsv: 'gender,area\nFemale,North\nMale,South\n' });
    expect(pool.respondents.map((r) => r.id)).toEqual(['1', '2']);
    expect(pool.columns).toEqual(['id', 'gender', 'area']);
  });

  it('accepts an intersection category whose parts are columns', () => {
    const pool = parseSortitionFiles({
      categoriesCsv: `${categories}area x gender,North x Female,0,1\n`,
      respondentsCsv: 'gender,area\nFemale,North\n',
    });
    expect(pool.quotas.at(-1)).toEqual({ category: 'area x gender', feature: 'North x Female', min: 0, max: 1 });
  });

  it('names the file, line and column of every problem', () => {
    const error = (() => {
      try {
        parseSortitionFiles({
          categoriesCsv: 'category,feature,min,max\ngender,Female,one,2\ngender,Male,3,1\nincome,High,0,1\narea,North,0,5\n',
          respondentsCsv: 'id,gender,area\n1,Female,North\n1,,North\n3,Other,North\n',
          categoriesName: 'cats.csv',
          respondentsName: 'people.csv',
        });
      } catch (e) {
        return e;
      }
    })() as SortitionFormatError;
    expect(error).toBeInstanceOf(SortitionFormatError);
    const text = error.issues.map((i) => `${i.file}:${i.line ?? ''}:${i.column ?? ''}`);
    expect(text).toEqual(expect.arrayContaining(['cats.csv:2:min', 'cats.csv:3:min', 'cats.csv::category', 'people.csv:3:id', 'people.csv:3:gender', 'people.csv:4:gender']));
    expect(error.message).toMatch(/"income" is not a column of people.csv/);
  });

  it('rejects a categories file without the required columns, and malformed CSV', () => {
    expect(() => parseSortitionFiles({ categoriesCsv: 'category,feature\nx,y\n', respondentsCsv: 'x\ny\n' })).toThrow(/no min, max column/);
    expect(() => parseSortitionFiles({ categoriesCsv: categories, respondentsCsv: 'gender,area\nFemale\n' })).toThrow(/not valid CSV/);
  });

  it.each([
    ['stratification-app', 'category,name,...', 'nationbuilder_id', 'NB1000', 3, 7],
    ['sortition-algorithms', 'feature,value,...', 'unique_id', 'U001', 0, 10],
    ['opendlp', 'feature,value,... with monitoring columns', 'pool_member_identifier', 'PM-1', 3, 7],
  ])('reads the %s layout (%s), its min_flex and max_flex, and its id column %s', (layout, _, idColumn, firstId, minFlex, maxFlex) => {
    const pool = parseSortitionFiles({ categoriesCsv: fixture(`${layout}-categories.csv`), respondentsCsv: fixture(`${layout}-respondents.csv`) });
    expect(pool.quotas).toHaveLength(7);
    expect(pool.quotas[0]).toEqual({ category: 'gender', feature: 'Female', min: 4, max: 6, minFlex, maxFlex });
    expect(pool.quotas.map((q) => q.category)).toEqual(['gender', 'gender', 'age', 'age', 'age', 'area', 'area']);
    expect(pool.idColumn).toBe(idColumn);
    expect(pool.respondents[0].id).toBe(firstId);
    expect(pool.respondents).toHaveLength(30);
    expect(pool.columns[0]).toBe(idColumn);
  });

  it('takes the id from --id-column, and names a missing one', () => {
    const pool = parseSortitionFiles({ categoriesCsv: categories, respondentsCsv: 'ref,gender,area\nx9,Female,North\n', idColumn: 'ref' });
    expect(pool.respondents[0].id).toBe('x9');
    expect(() => parseSortitionFiles({ categoriesCsv: categories, respondentsCsv: 'ref,gender,area\nx9,Female,North\n', idColumn: 'member' })).toThrow(/has no id column "member"/);
  });

  it('puts people whose address columns match, whatever the spacing or case, in one household', () => {
    const pool = parseSortitionFiles({
      categoriesCsv: fixture('stratification-app-categories.csv'),
      respondentsCsv: fixture('stratification-app-respondents.csv'),
      sameAddressColumns: ['primary_address1', 'primary_zip'],
    });
    const household = (id: string) => pool.respondents.find((r) => r.id === id)?.household;
    expect(household('NB1000')).toBe(household('NB1001'));
    expect(household('NB1002')).toBe(household('NB1003'));
    expect(household('NB1000')).not.toBe(household('NB1002'));
    expect(new Set(pool.respondents.map((r) => r.household)).size).toBe(28);
    expect(() => parseSortitionFiles({ categoriesCsv: categories, respondentsCsv: 'gender,area\nFemale,North\n', sameAddressColumns: ['postcode'] })).toThrow(/no address column "postcode"/);
  });

  it('reads the already-selected file by the same id column, refusing ids not in the pool', () => {
    const files = { categoriesCsv: fixture('opendlp-categories.csv'), respondentsCsv: fixture('opendlp-respondents.csv') };
    expect(parseSortitionFiles({ ...files, alreadySelectedCsv: 'pool_member_identifier,note\nPM-3,keynote\nPM-7,\n' }).alreadySelected).toEqual(['PM-3', 'PM-7']);
    expect(() => parseSortitionFiles({ ...files, alreadySelectedCsv: 'pool_member_identifier\nPM-99\n', alreadySelectedName: 'kept.csv' })).toThrow(
      /kept.csv line 2 column "pool_member_identifier": "PM-99" is not in/,
    );
  });

  it('refuses a quota file in no known layout, naming the layouts it accepts', () => {
    expect(() => parseSortitionFiles({ categoriesCsv: 'dimension,level,min,max\nx,y,0,1\n', respondentsCsv: 'x\ny\n' })).toThrow(
      /category,name,min,max,min_flex,max_flex or feature,value,min,max,min_flex,max_flex/,
    );
    expect(() => parseSortitionFiles({ categoriesCsv: 'category,name,min,max,min_flex,max_flex\ngender,Female,2,3,3,3\n', respondentsCsv: 'gender\nFemale\n' })).toThrow(/min_flex 3 is above min 2/);
  });
});
