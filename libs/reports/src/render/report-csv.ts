import { CsvCell, csvText } from '@steppingstone/core';
import { ReportDocument } from '../content/report-document';

/**
 * One CSV holding every table, each introduced by a row `table,<key>,<title>` and its header row,
 * with a blank row between tables: one file to download and open in a spreadsheet, and still
 * machine-readable (split on the `table` rows). Withheld counts read "<5" or "[c]", as in the document;
 * names people typed that start like a formula are written as text (see csvText).
 */
export function reportCsv(document: ReportDocument): Buffer {
  const rows: CsvCell[][] = [
    ['report', document.title],
    ['organisation', document.organisationName],
    ['period', document.period.from, document.period.to],
    ['shared', document.shared ? `yes: counts below ${document.threshold} withheld` : 'no: internal, every count shown'],
    ['produced', document.producedAt],
    [],
  ];
  for (const section of document.sections) {
    for (const table of section.tables) {
      rows.push(['table', table.key, `${section.title}: ${table.title}`]);
      if (table.columns.length) rows.push(table.columns);
      rows.push(...table.rows);
      if (table.note) rows.push(['note', table.note]);
      rows.push([]);
    }
  }
  return Buffer.from(csvText(rows), 'utf8');
}
