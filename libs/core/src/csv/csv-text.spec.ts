import { parse } from 'csv-parse/sync';
import { csvText } from './csv-text';

const cellsOf = (rows: Parameters<typeof csvText>[0]) => parse(csvText(rows), { relax_column_count: true }) as string[][];

describe('csvText', () => {
  it.each([['=HYPERLINK("http://evil.example","x")'], ["+SUM(1+1)*cmd|' /C calc'!A0"], ['-2+3'], ['@SUM(A1:A2)'], ['\t=1+1'], ['\r=1+1'], ['\uFF1D1+1']])(
    'writes text starting with a formula character, %j, behind a single quote',
    (hostile) => {
      expect(cellsOf([['name', hostile]])).toEqual([['name', `'${hostile}`]]);
    },
  );

  it('keeps numbers, negative ones included, as numbers, and the same digits given as text as quoted text', () => {
    expect(csvText([[-2.5, 0, 12, '-2.5']])).toBe("-2.5,0,12,'-2.5\n");
  });

  it('leaves ordinary text alone, quoting only what CSV itself needs, and writes empty cells for null', () => {
    expect(csvText([['Holloway', 'A, B', 'say "hi"', null, undefined, 'x=1']])).toBe('Holloway,"A, B","say ""hi""",,,x=1\n');
  });

  it('keeps a formula inside a quoted cell from starting a new cell', () => {
    expect(cellsOf([['a,=1+1', 'b']])).toEqual([['a,=1+1', 'b']]);
  });
});
