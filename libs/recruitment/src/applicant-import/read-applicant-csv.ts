import { parse } from 'csv-parse/sync';
import { ApplicantImportError, ApplicantImportErrorCode as Code } from './applicant-import.error';
import { ColumnMapping, COLUMN_LABELS, HeaderMatch, ImportColumn, matchHeader } from './import-columns';

/** Far above any intake's applicants; past it, a file is more likely a mistake than a spreadsheet of people. */
export const MAX_IMPORT_ROWS = 10_000;

export interface CsvApplicantRow {
  /** The spreadsheet row (header = 1), counted over blank rows too so it matches what the coordinator sees. */
  row: number;
  cells: Partial<Record<ImportColumn, string>>;
  /** Non-empty cells to the right of the last header: usually a stray comma that shifted the row. */
  overflow: number;
}

export interface ApplicantCsv {
  header: HeaderMatch;
  /** Usually 1; later when the file starts with blank rows. */
  headerRow: number;
  rows: CsvApplicantRow[];
}

/** Reads the file into rows keyed by column, refusing (400) anything that is not a usable applicant list. */
export function readApplicantCsv(text: string, mapping: ColumnMapping = {}): ApplicantCsv {
  // Older Excel saves "CSV" in Windows-1252; read as UTF-8, every accented letter becomes U+FFFD and
  // names would be stored mangled without anyone noticing.
  if (text.includes('\uFFFD')) {
    throw unreadable('The file is not UTF-8 text (accented letters cannot be read): save it as "CSV UTF-8", or send it with Content-Type: text/csv; charset=windows-1252');
  }
  const records = parseRecords(text);
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) throw unreadable('The file is empty: expected a header row (Name, Email, ...) and one row per applicant');
  const header = matchHeader(records[headerIndex], mapping);
  assertColumns(header, records[headerIndex], mapping);

  const width = records[headerIndex].length;
  const rows: CsvApplicantRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index];
    // Spreadsheets export trailing rows of empty cells; they are nobody.
    if (isBlank(cells)) continue;
    const values: Partial<Record<ImportColumn, string>> = {};
    for (const [column, position] of Object.entries(header.positions) as Array<[ImportColumn, number]>) {
      const value = (cells[position] ?? '').trim();
      if (value) values[column] = value;
    }
    rows.push({ row: index + 1, cells: values, overflow: cells.slice(width).filter((c) => c.trim()).length });
  }
  if (!rows.length) throw unreadable('The file has a header row but no applicants: add one row per applicant under the header');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ApplicantImportError(Code.TooManyRows, `The file has ${rows.length} applicants; import at most ${MAX_IMPORT_ROWS} at a time`, [
      { field: 'body', rule: 'maxRows', message: `the file must have at most ${MAX_IMPORT_ROWS} rows of applicants` },
    ]);
  }
  return { header, headerRow: headerIndex + 1, rows };
}

function parseRecords(text: string): string[][] {
  try {
    // Commas or tabs (a range pasted out of a spreadsheet); never semicolons, which people type
    // inside cells ("email; sms"). Stray quotes inside a cell (O"Brien) are taken as written.
    return parse(text, { bom: true, delimiter: [',', '\t'], relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(`The file is not valid CSV: ${reason}. Save the spreadsheet as "CSV (comma delimited)" and try again`);
  }
}

function assertColumns(header: HeaderMatch, cells: string[], mapping: ColumnMapping): void {
  const { positions, repeated } = header;
  const details = repeated.map(({ column, headers }) => ({
    field: COLUMN_LABELS[column],
    rule: 'uniqueColumn',
    message: `${headers.map((h) => `"${h}"`).join(' and ')} are the same column; keep one of them, or map one of them to another column`,
  }));
  const present = new Set(cells.map((c) => c.trim().toLowerCase()));
  for (const named of Object.keys(mapping).filter((h) => !present.has(h.trim().toLowerCase()))) {
    details.push({ field: `mapping.${named}`, rule: 'headerExists', message: `the mapping names a column "${named}" that the file's header row does not have` });
  }
  const hasName = positions.name !== undefined || (positions.firstName !== undefined && positions.lastName !== undefined);
  if (!hasName) details.push({ field: 'Name', rule: 'requiredColumn', message: 'the file needs a Name column (or First name and Last name columns)' });
  if (details.length) {
    throw new ApplicantImportError(Code.InvalidColumns, `The header row has a problem: ${details.map((d) => d.message).join('; ')}`, details, {
      ignoredColumns: header.ignored,
      recognisedColumns: Object.keys(positions).map((c) => header.labels[c as ImportColumn]),
    });
  }
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => !c.trim());
}

function unreadable(message: string): ApplicantImportError {
  return new ApplicantImportError(Code.UnreadableFile, message, [{ field: 'body', rule: 'csv', message }]);
}
