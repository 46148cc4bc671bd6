import { stringify } from 'csv-stringify/sync';

/** A cell as the product writes it: text, a number, or empty. */
export type CsvCell = string | number | null | undefined;

/**
 * Every CSV the product writes goes through here, so that text people typed (a locality, an
 * organisation, a respondent's answer) cannot become a formula when the file is opened in a
 * spreadsheet (OWASP "CSV injection"). A text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (or the full-width `＝ ＋ － ＠` that some spreadsheets fold into them) is written
 * with a single quote in front, which spreadsheets read as "this is text" and hide.
 *
 * Numbers passed as numbers are written as they are, a negative one included: a number cannot carry
 * a formula, and a figure like -2.5 must still add up in a spreadsheet. The same digits passed as
 * text are treated as text and quoted, so callers keep figures as numbers.
 */
export function csvText(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return stringify(
    rows.map((row) => row.map((cell) => cell ?? '')),
    { escape_formulas: true },
  );
}
