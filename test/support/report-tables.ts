import { parse } from 'csv-parse/sync';

type Csv = string[][];

/** The multi-section CSV split back into its tables, by their `table,<key>,<title>` rows. */
export function tablesOf(csv: string): Map<string, { header: string[]; rows: string[][] }> {
  const records: Csv = parse(csv, { relax_column_count: true, skip_empty_lines: false });
  const tables = new Map<string, { header: string[]; rows: string[][] }>();
  let current: { header: string[]; rows: string[][] } | undefined;
  for (const record of records) {
    if (record[0] === 'table') {
      current = { header: [], rows: [] };
      tables.set(record[1], current);
    } else if (!current || record.every((v) => v === '')) continue;
    else if (record[0] === 'note') continue;
    else if (!current.header.length) current.header = record;
    else current.rows.push(record);
  }
  return tables;
}
