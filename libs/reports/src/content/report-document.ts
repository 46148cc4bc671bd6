/*
 * The report as a document: sections of tables, each table optionally drawn as a bar chart. Built
 * from the figures by a pure function, so the CSV, the HTML and the PDF are three renderings of the
 * same document and cannot disagree. A shared report is built with small counts withheld.
 */
import { ReportPeriod } from '../period/report-period';

export type CellValue = string | number | null;

export interface ReportChart {
  /** Column holding the bar labels and column holding the values. */
  labelColumn: number;
  valueColumn: number;
  title: string;
  /** Leaves the last row (a totals row) out of the chart, so the groups are drawn to their own scale. */
  withoutTotalsRow?: boolean;
}

export interface ReportTable {
  key: string;
  title: string;
  columns: string[];
  rows: CellValue[][];
  chart?: ReportChart;
  /** A sentence under the table: what it counts, or why it is withheld. */
  note?: string;
}

export interface ReportSection {
  key: string;
  title: string;
  intro: string;
  tables: ReportTable[];
}

export interface ReportDocument {
  title: string;
  organisationName: string;
  period: ReportPeriod;
  periodText: string;
  kind: 'weekly' | 'monthly' | 'on-demand';
  shared: boolean;
  threshold: number;
  /** When it was produced, in the organisation's time zone, as a person reads it. */
  producedAt: string;
  sections: ReportSection[];
}

/** How a withheld count is shown: the primary ones as "<5", those withheld to protect them as "[c]". */
export const withheldBelow = (threshold: number) => `<${threshold}`;
export const WITHHELD_COMPLEMENT = '[c]';
