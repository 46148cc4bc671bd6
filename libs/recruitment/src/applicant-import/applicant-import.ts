import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { localityIdsByName } from '@steppingstone/areas';
import { Actor, AuditLog, organisationToday, Tenancy } from '@steppingstone/core';
import { Intakes } from '../intakes/intakes';
import { ReferralPartners } from '../partners/referral-partners';
import { RecruitmentError, RecruitmentErrorCode } from '../recruitment.error';
import { ApplicantImportError, ApplicantImportErrorCode as Code } from './applicant-import.error';
import { ApplicantCandidate, readApplicantRow, RowContext, ValidateDetails } from './applicant-rows';
import { ColumnMapping, HeaderMatch, ImportColumn } from './import-columns';
import { duplicateWarnings } from './import-duplicates';
import { ImportReport, RowProblem, RowWarning } from './import-report';
import { readApplicantCsv } from './read-applicant-csv';
import { writeApplicants } from './write-applicants';

export interface ApplicantImportOptions {
  /** Check and report only; nothing is written. */
  dryRun: boolean;
  validateDetails: ValidateDetails;
  /** The coordinator's own reading of the header row: header to column (null: ignore it). */
  mapping?: ColumnMapping;
}

/** The most problems repeated in the error's `details`; `problems` always carries all of them. */
const DETAILS_SHOWN = 100;
const YIELD_EVERY = 250;

/**
 * Bulk import of applicants from a coordinator's spreadsheet into one intake. A dry run reports every
 * row's problems and likely duplicates and writes nothing; a real run writes every row or, if any
 * row has a problem, none. Every row becomes a new person with a new application at `applied`.
 */
@Injectable()
export class ApplicantImport {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly intakes: Intakes,
    private readonly partners: ReferralPartners,
  ) {}

  async run(actor: Actor, intakeId: string, csv: string, options: ApplicantImportOptions): Promise<ImportReport> {
    // Reading the file needs no database, so a malformed one never holds a connection.
    const file = readApplicantCsv(csv, options.mapping);
    return this.tenancy.run(actor.organisationId, async (manager) => {
      await this.assertImportable(manager, actor.organisationId, intakeId);
      const partners = await this.partners.codes(manager, actor.organisationId);
      const context: RowContext = {
        // Spreadsheets name localities, not ids.
        localityIds: await localityIdsByName(manager, actor.organisationId),
        partnerCodes: new Map([...partners].map(([code, partner]) => [code, partner.id])),
        validate: options.validateDetails,
        today: await organisationToday(manager, actor.organisationId),
      };

      const candidates: ApplicantCandidate[] = [];
      const problems: RowProblem[] = [];
      for (const [index, row] of file.rows.entries()) {
        // Checking a row takes a fraction of a millisecond, but 5,000 of them would hold every other
        // request on this process for a second or more: let them through between batches.
        if (index && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        const read = readApplicantRow(row, file.header, context);
        if (read.candidate) candidates.push(read.candidate);
        problems.push(...read.problems);
      }
      const warnings: RowWarning[] = [
        ...file.header.ignored.map((header) => ({ row: file.headerRow, column: header, rule: 'unknownColumn', message: `The column "${header}" is not one we import; it was ignored` })),
        ...(await duplicateWarnings(manager, actor.organisationId, intakeId, candidates, { email: file.header.labels.email, phone: file.header.labels.phone, name: file.header.labels.name })),
      ];
      const columns = columnsOf(file.header);
      const report: ImportReport = {
        dryRun: options.dryRun,
        intakeId,
        rowCount: file.rows.length,
        validRows: candidates.length,
        created: 0,
        problems,
        warnings,
        ignoredColumns: file.header.ignored,
        columns,
        equalityRows: candidates.filter((c) => c.equality).length,
      };
      if (options.dryRun) return report;
      if (problems.length) throw rowsRefused(report);

      await writeApplicants(manager, actor.organisationId, intakeId, actor.userId, candidates);
      await this.audit.record(manager, actor, {
        action: 'applications.imported',
        entityType: 'intake',
        entityId: intakeId,
        details: { count: candidates.length, warnings: warnings.length, equalityProfiles: report.equalityRows, mapped: Object.keys(options.mapping ?? {}).length },
      });
      return { ...report, created: candidates.length };
    });
  }

  /** The intake must be this organisation's (404 otherwise, as for any id) and still in use. */
  private async assertImportable(manager: EntityManager, organisationId: string, intakeId: string): Promise<void> {
    const intake = await this.intakes.find(manager, organisationId, intakeId);
    if (intake.status === 'archived') {
      throw new RecruitmentError(RecruitmentErrorCode.IntakeNotOpen, 'This intake is archived; applicants cannot be imported into it', [
        { field: 'intakeId', rule: 'notArchived', message: 'intakeId must be an intake that is not archived' },
      ]);
    }
  }
}

/** How each header of the file was read, in the file's order, so a mapping can be adjusted and sent again. */
function columnsOf(header: HeaderMatch): ImportReport['columns'] {
  const byPosition = new Map<number, { header: string; column: ImportColumn | null }>();
  for (const [column, position] of Object.entries(header.positions) as Array<[ImportColumn, number]>) byPosition.set(position, { header: header.labels[column], column });
  const mapped = [...byPosition.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
  return [...mapped, ...header.ignored.map((h) => ({ header: h, column: null }))];
}

function rowsRefused(report: ImportReport): ApplicantImportError {
  const rows = new Set(report.problems.map((p) => p.row)).size;
  const details = report.problems.slice(0, DETAILS_SHOWN).map((p) => ({ field: `row ${p.row}: ${p.column}`, rule: p.rule, message: p.message }));
  return new ApplicantImportError(
    Code.InvalidRows,
    `${rows} of ${report.rowCount} rows have problems, so nothing was imported; correct them (a dry run lists them all) and import the file again`,
    details,
    { ...report },
  );
}
