import { parseSortitionFiles, SortitionFormatError } from './sortition-format';

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
    expect(text).toEqual(
      expect.arrayContaining(['cats.csv:2:min', 'cats.csv:3:min', 'cats.csv::category', 'people.csv:3:id', 'people.csv:3:gender', 'people.csv:4:gender']),
    );
    expect(error.message).toMatch(/"income" is not a column of people.csv/);
  });

  it('rejects a categories file without the required columns, and malformed CSV', () => {
    expect(() => parseSortitionFiles({ categoriesCsv: 'category,feature\nx,y\n', respondentsCsv: 'x\ny\n' })).toThrow(/no min, max column/);
    expect(() => parseSortitionFiles({ categoriesCsv: categories, respondentsCsv: 'gender,area\nFemale\n' })).toThrow(/not valid CSV/);
  });
});
