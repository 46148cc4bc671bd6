import { Body, Controller, Get, Post, Query, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateBy } from 'class-validator';
import { Response } from 'express';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { ApplicantImport, ColumnMapping, IMPORT_COLUMN_NAMES, importColumnGuide, ImportReport, MAX_IMPORT_ROWS } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { toBoolean } from '../transforms';
import { UuidParam } from '../validation';
import { validateApplicantDetails } from './applicant-details.validator';

export const IMPORT_PATH = 'intakes/:id/applicants/import';
/** What spreadsheet programs and HTTP tools send a CSV as. */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv', 'text/plain'] as const;

const COLUMNS_HELP = [
  'One row per applicant under a header row. Headers are matched ignoring case, spaces and punctuation; recognised columns (synonyms in brackets):',
  'Name (full name) — or First name and Last name (surname) — required; Preferred name (known as); Email; Phone (mobile, telephone);',
  'Postcode; Locality (area) — a locality name of your organisation; Date of birth (DOB) — 21/04/1990 (day first) or 1990-04-21;',
  'Source — self, referral, coordinator or event, blank means coordinator (referral with a partner code); Referrer (referred by); Contact preferences — e.g. "email; sms";',
  'Address; Received on (date received) — when the application arrived; Partner code (referral code) — a referral partner’s code.',
  'Equality monitoring, in Census 2021 wording (the values or labels of GET /public/equality-questions, any case, or "Prefer not to say"): Sex; Age group; Ethnic group and its write-in;',
  'Disability; Religion and its write-in; Gender identity and its write-in; Sexual orientation and its write-in; Equality consent (yes/no) — required, yes, on any row with equality answers; Equality consent date.',
  'Send `mapping` to say which column a header is when its spelling is not recognised (GET /applicant-import/columns lists the columns).',
  'Other columns are ignored and listed as warnings. Blank rows are skipped; row numbers in reports are spreadsheet rows, the header being row 1.',
  `At most ${MAX_IMPORT_ROWS} applicants per file (5 MB).`,
].join(' ');

/** A JSON object in the query string: each header of the file to a column we import, or null to ignore it. */
const parseMapping = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return Symbol.for('unreadable');
  }
};

const isMapping = (value: unknown): value is ColumnMapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((c) => c === null || (typeof c === 'string' && (IMPORT_COLUMN_NAMES as string[]).includes(c)));

export class ImportQueryDto {
  @ApiProperty({ description: 'true: check the file and report, writing nothing. false: import every row, or none if any row has a problem.' })
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun: boolean;

  @ApiPropertyOptional({
    type: 'string',
    example: '{"Ethnicity (2021 census)":"ethnicity","Tick if happy for us to keep equality answers":"equalityConsent","Shoe size":null}',
    description: `JSON: the file's headers (any case) to the column each is (${IMPORT_COLUMN_NAMES.join(', ')}), or null to ignore one. Headers left out are recognised by their spelling.`,
  })
  @IsOptional()
  @Transform(parseMapping)
  @ValidateBy({ name: 'columnMapping', validator: { validate: isMapping, defaultMessage: () => `mapping must be a JSON object of the file's headers to one of ${IMPORT_COLUMN_NAMES.join(', ')}, or null` } })
  mapping?: ColumnMapping;
}

class ImportColumnResponse {
  @ApiProperty({ enum: IMPORT_COLUMN_NAMES }) column: string;
  @ApiProperty({ example: 'Ethnic group' }) label: string;
  @ApiProperty({ type: [String], description: 'Header spellings recognised without a mapping (compared ignoring case, spaces and punctuation)' }) spellings: string[];
  @ApiProperty({ description: 'An equality monitoring column (kept only with the row’s equality consent)' }) equality: boolean;
}

class ImportColumnReadResponse {
  @ApiProperty({ example: 'Ethnicity (2021 census)' }) header: string;
  @ApiProperty({ nullable: true, enum: IMPORT_COLUMN_NAMES, description: 'null: ignored' }) column: string | null;
}

class RowProblemResponse {
  @ApiProperty({ example: 3, description: 'Spreadsheet row; the header is row 1' })
  row: number;
  @ApiProperty({ example: 'Email', description: "The column's header as the file spells it" })
  column: string;
  @ApiProperty({ example: 'isEmail' })
  rule: string;
  @ApiProperty({ example: 'Email must be an email address' })
  message: string;
}

class RowWarningResponse extends RowProblemResponse {
  @ApiPropertyOptional({ description: 'Existing people this row may be (rule matchesExistingPerson)', example: [{ personId: 'uuid', name: 'Sam Taylor', alreadyInIntake: false }] })
  matches?: Array<{ personId: string; name: string; alreadyInIntake: boolean }>;
}

class ImportReportResponse implements ImportReport {
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

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller()
export class ApplicantImportController {
  constructor(private readonly applicantImport: ApplicantImport) {}

  @Get('applicant-import/columns')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The columns an applicant file may have, with the header spellings recognised without a mapping' })
  @ApiOkResponse({ type: [ImportColumnResponse] })
  columns() {
    return importColumnGuide();
  }

  @Post(IMPORT_PATH)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Import applicants into an intake from a CSV file: a dry run reports every row, a real run is all or nothing',
    description: `${COLUMNS_HELP} Every row becomes a new person with a new application at "applied" (channel "import"), with its equality answers as a demographic profile resting on an imported consent; a row whose email, phone, or name and date of birth match someone is imported anyway and reported as a warning, so the records can be merged afterwards.`,
  })
  @ApiConsumes(...CSV_CONTENT_TYPES)
  @ApiBody({ description: 'The CSV file itself as the request body', schema: { type: 'string', example: 'Name,Email,Phone,Postcode,Locality,Date of birth,Source\nSam Taylor,sam@example.org,07700 900123,N7 8JL,Holloway,21/04/1990,referral' } })
  @ApiOkResponse({ type: ImportReportResponse, description: 'Dry run: the report (problems do not make it fail)' })
  @ApiCreatedResponse({ type: ImportReportResponse, description: 'Imported: every row written in one transaction' })
  @ApiBadRequestResponse({ description: 'An unreadable, empty or header-only file, a missing Name column, or (real run) any row with a problem: nothing written; the body carries the report (`problems` lists every problem, `details` the first 100)' })
  @ApiNotFoundResponse({ description: 'No such intake in your organisation' })
  @ApiConflictResponse({ description: 'The intake is archived' })
  @ApiForbiddenResponse({ description: 'Trainers and mentors cannot import' })
  async import(
    @CurrentActor() actor: Actor,
    @UuidParam('id') intakeId: string,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport> {
    if (typeof body !== 'string') {
      throw new UnsupportedMediaTypeException({
        message: 'Send the CSV file itself as the request body, with Content-Type: text/csv',
        details: [{ field: 'body', rule: 'contentType', message: `Content-Type must be one of ${CSV_CONTENT_TYPES.join(', ')}` }],
      });
    }
    const report = await this.applicantImport.run(actor, intakeId, body, { dryRun: query.dryRun, validateDetails: validateApplicantDetails, mapping: query.mapping });
    response.status(query.dryRun ? 200 : 201);
    return report;
  }
}
