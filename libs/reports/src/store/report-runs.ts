import { Injectable } from '@nestjs/common';
import { Tenancy } from '@steppingstone/core';
import { buildReport } from '../content/build-report';
import { ReportFiguresLoader } from '../content/report-figures';
import { reportCsv } from '../render/report-csv';
import { reportHtml } from '../render/report-html';
import { reportPdf } from '../render/report-pdf';
import { ProduceReportJob } from './report-jobs';
import { CONTENT_TYPES, REPORT_COLUMNS, ReportFormat, ReportRow } from './report-view';

export type RunOutcome = 'produced' | 'already-done' | 'not-found';

/**
 * Produces one report. Idempotent: a report already done is left as it is, and the files and the
 * status are written together under the report's row lock, so two runs of the same job (a retry, a
 * duplicate after Redis lost it) leave one result.
 */
@Injectable()
export class ReportRuns {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly figures: ReportFiguresLoader,
  ) {}

  async produce({ organisationId, reportId }: ProduceReportJob, finalAttempt: boolean): Promise<RunOutcome> {
    const report = await this.tenancy.run(organisationId, async (manager) => {
      const [row]: ReportRow[] = await manager.query(`SELECT ${REPORT_COLUMNS} FROM reports WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [organisationId, reportId]);
      if (!row || row.status === 'done') return row;
      await manager.query(`UPDATE reports SET status = 'running', attempts = attempts + 1, started_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, reportId]);
      return row;
    });
    if (!report) return 'not-found';
    if (report.status === 'done') return 'already-done';

    try {
      const figures = await this.figures.load({ organisationId, reportId, period: { from: report.period_from, to: report.period_to }, requestedBy: report.requested_by });
      const document = buildReport(figures, { kind: report.kind, shared: report.shared, threshold: report.suppression_threshold, producedAt: new Date() });
      const files: Record<ReportFormat, Buffer> = { csv: reportCsv(document), html: reportHtml(document), pdf: await reportPdf(document) };
      return await this.tenancy.run(organisationId, async (manager) => {
        const [current]: Array<{ status: string }> = await manager.query(`SELECT status FROM reports WHERE organisation_id = $1 AND id = $2 FOR UPDATE`, [organisationId, reportId]);
        if (current.status === 'done') return 'already-done';
        for (const [format, content] of Object.entries(files) as Array<[ReportFormat, Buffer]>) {
          await manager.query(
            `INSERT INTO report_files (organisation_id, report_id, format, content_type, content) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (organisation_id, report_id, format) DO UPDATE SET content = EXCLUDED.content, content_type = EXCLUDED.content_type, created_at = now()`,
            [organisationId, reportId, format, CONTENT_TYPES[format], content],
          );
        }
        await manager.query(`UPDATE reports SET status = 'done', error = NULL, completed_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, reportId]);
        return 'produced';
      });
    } catch (error) {
      // Visible on GET /reports/:id while BullMQ retries; failed for good only after the last attempt.
      await this.tenancy.run(organisationId, (manager) =>
        manager.query(`UPDATE reports SET status = $3, error = $4, updated_at = now() WHERE organisation_id = $1 AND id = $2 AND status <> 'done'`, [
          organisationId,
          reportId,
          finalAttempt ? 'failed' : 'queued',
          String((error as Error).message ?? error).slice(0, 1000),
        ]),
      );
      throw error;
    }
  }
}
