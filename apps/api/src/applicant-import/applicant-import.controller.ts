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
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { ApplicantImport, importColumnGuide, ImportReport, MAX_IMPORT_ROWS } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { validateApplicantDetails } from './applicant-details.validator';
import { ImportQueryDto } from './applicant-import.dto';
import { ImportColumnResponse, ImportReportResponse } from './applicant-import-views.dto';

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
  @ApiBody({
    description: 'The CSV file itself as the request body',
    schema: { type: 'string', example: 'Name,Email,Phone,Postcode,Locality,Date of birth,Source\nSam Taylor,sam@example.org,07700 900123,N7 8JL,Holloway,21/04/1990,referral' },
  })
  @ApiOkResponse({ type: ImportReportResponse, description: 'Dry run: the report (problems do not make it fail)' })
  @ApiCreatedResponse({ type: ImportReportResponse, description: 'Imported: every row written in one transaction' })
  @ApiBadRequestResponse({
    description:
      'An unreadable, empty or header-only file, a missing Name column, or (real run) any row with a problem: nothing written; the body carries the report (`problems` lists every problem, `details` the first 100)',
  })
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
