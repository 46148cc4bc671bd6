/**
 * What an import found, row by row. `row` is the spreadsheet row a coordinator sees (the header is
 * row 1), and `column` is the header as their file spells it, so they can go straight to the cell.
 */
export interface RowProblem {
  row: number;
  column: string;
  rule: string;
  message: string;
}

/** Not a reason to refuse the file, but worth a look before importing (a likely duplicate, an ignored column). */
export interface RowWarning extends RowProblem {
  /** Existing people the row may be, so the coordinator can merge them afterwards. */
  matches?: Array<{ personId: string; name: string; alreadyInIntake: boolean }>;
}

export interface ImportReport {
  dryRun: boolean;
  intakeId: string;
  /** Data rows in the file (blank rows are skipped and not counted). */
  rowCount: number;
  /** Rows without problems: what a real run would create, if no row had a problem. */
  validRows: number;
  /** Applicants (each with a new person record) written; always 0 on a dry run. */
  created: number;
  problems: RowProblem[];
  warnings: RowWarning[];
  ignoredColumns: string[];
  /** Every header of the file and the column it was read as (null: ignored), mapped ones first. */
  columns: Array<{ header: string; column: string | null }>;
  /** Rows whose equality answers (with consent) become a demographic profile. */
  equalityRows: number;
}
