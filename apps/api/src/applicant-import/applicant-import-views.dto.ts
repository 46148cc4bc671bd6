import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_COLUMN_NAMES, ImportReport } from '@steppingstone/recruitment';

/** Response shapes of the applicant import, for the OpenAPI document the web app's client is generated from. */
export class ImportColumnResponse {
  @ApiProperty({ enum: IMPORT_COLUMN_NAMES }) column: string;
  @ApiProperty({ example: 'Ethnic group' }) label: string;
  @ApiProperty({ type: [String], description: 'Header spellings recognised without a mapping (compared ignoring case, spaces and punctuation)' }) spellings: string[];
  @ApiProperty({ description: 'An equality monitoring column (kept only with the row’s equality consent)' }) equality: boolean;
}

export class ImportColumnReadResponse {
  @ApiProperty({ example: 'Ethnicity (2021 census)' }) header: string;
  @ApiProperty({ nullable: true, enum: IMPORT_COLUMN_NAMES, description: 'null: ignored' }) column: string | null;
}

export class RowProblemResponse {
  @ApiProperty({ example: 3, description: 'Spreadsheet row; the header is row 1' })
  row: number;
  @ApiProperty({ example: 'Email', description: "The column's header as the file spells it" })
  column: string;
  @ApiProperty({ example: 'isEmail' })
  rule: string;
  @ApiProperty({ example: 'Email must be an email address' })
  message: string;
}

export class RowMatchResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Sam Taylor' }) name: string;
  @ApiProperty() alreadyInIntake: boolean;
}

export class RowWarningResponse extends RowProblemResponse {
  @ApiPropertyOptional({ type: [RowMatchResponse], description: 'Existing people this row may be (rule matchesExistingPerson)' })
  matches?: RowMatchResponse[];
}

export class ImportReportResponse implements ImportReport {
  @ApiProperty()
  dryRun: boolean;
  @ApiProperty()
  intakeId: string;
  @ApiProperty({ description: 'Applicant rows in the file' })
  rowCount: number;
  @ApiProperty({ description: 'Rows without problems' })
  validRows: number;
  @ApiProperty({ description: 'Applicants created, each with a new person record (0 on a dry run)' })
  created: number;
  @ApiProperty({ type: [RowProblemResponse], description: 'Every problem of every row; any problem makes a real run refuse the whole file' })
  problems: RowProblemResponse[];
  @ApiProperty({ type: [RowWarningResponse], description: 'Likely duplicates (within the file or of people already recorded) and ignored columns; never a reason to refuse' })
  warnings: RowWarningResponse[];
  @ApiProperty({ type: [String] })
  ignoredColumns: string[];
  @ApiProperty({ type: [ImportColumnReadResponse], description: 'How each header was read (recognised or mapped ones first, then the ignored ones), to adjust the mapping' })
  columns: ImportColumnReadResponse[];
  @ApiProperty({ description: 'Rows whose equality answers, with consent, become a demographic profile' })
  equalityRows: number;
}
