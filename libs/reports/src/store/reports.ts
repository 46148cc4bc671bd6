import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Conditions, organisationToday, Outbox, Page, QueueName, queryNamed, Tenancy } from '@steppingstone/core';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../suppression/small-counts';
import { daysIn, PeriodPreset, presetPeriod, ReportPeriod } from '../period/report-period';
import { ReportsError, ReportsErrorCode as Code } from '../reports.error';
import { PRODUCE_REPORT, ProduceReportJob, produceReportJobId } from './report-jobs';
import { CONTENT_TYPES, REPORT_COLUMNS, ReportFormat, ReportKind, ReportRow, ReportStatus, ReportView, toReportView } from './report-view';

export interface ReportRequest {
  preset?: PeriodPreset;
  from?: string;
  to?: string;
  shared?: boolean;
  suppressionThreshold?: number;
}

export interface ReportListFilter {
  kind?: ReportKind;
  status?: ReportStatus;
  page: number;
  pageSize: number;
}

export interface ReportFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Ten years: longer would not be a programme report, and bounds the work one request can ask for. */
const MAX_PERIOD_DAYS = 3660;

/** Asking for a report, following it and downloading it. The worker produces it (ReportRuns). */
@Injectable()
export class Reports {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
  ) {}

  /** The report row and its job's outbox row in one transaction: the job exists if and only if the request was stored. */
  async request(actor: Actor, request: ReportRequest): Promise<ReportView> {
    const view = await this.tenancy.run(actor.organisationId, async (manager) => {
      const period = await resolvePeriod(manager, actor.organisationId, request);
      const threshold = request.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
      const { created: _, ...created } = await insertReport(manager, actor.organisationId, { kind: 'on-demand', period, shared: request.shared ?? false, threshold, requestedBy: actor.userId });
      await stageReportJob(this.outbox, manager, actor.organisationId, created.id);
      await this.audit.record(manager, actor, {
        action: 'report.requested',
        entityType: 'report',
        entityId: created.id,
        details: { period, shared: created.shared, suppressionThreshold: threshold, preset: request.preset ?? null },
      });
      return created;
    });
    await this.outbox.relaySoon(actor.organisationId);
    return view;
  }

  list(actor: Actor, filter: ReportListFilter): Promise<Page<ReportView>> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const where = new Conditions('organisation_id = :org', { org: actor.organisationId });
      if (filter.kind) where.and('kind = :kind', { kind: filter.kind });
      if (filter.status) where.and('status = :status', { status: filter.status });
      const [{ total }]: Array<{ total: number }> = await queryNamed(manager, `SELECT count(*)::int AS total FROM reports WHERE ${where.sql}`, where.params);
      const rows: ReportRow[] = await queryNamed(manager, `SELECT ${REPORT_COLUMNS} FROM reports WHERE ${where.sql} ORDER BY requested_at DESC, id DESC LIMIT :limit OFFSET :offset`, {
        ...where.params,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
      return { items: rows.map(toReportView), total, page: filter.page, pageSize: filter.pageSize };
    });
  }

  get(actor: Actor, reportId: string): Promise<ReportView> {
    return this.tenancy.run(actor.organisationId, async (manager) => toReportView(await findReport(manager, actor.organisationId, reportId)));
  }

  /** Reading a report reads demographic figures, even in aggregate, so each download is audit-logged. */
  download(actor: Actor, reportId: string, format: ReportFormat): Promise<ReportFile> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const report = await findReport(manager, actor.organisationId, reportId);
      if (report.status !== 'done') {
        throw new ReportsError(
          Code.ReportNotReady,
          report.status === 'failed' ? `The report could not be produced: ${report.error ?? 'unknown error'}` : `The report is ${report.status}; try again when its status is done`,
          [],
          { status: report.status },
        );
      }
      const [file]: Array<{ content: Buffer }> = await manager.query(`SELECT content FROM report_files WHERE organisation_id = $1 AND report_id = $2 AND format = $3`, [
        actor.organisationId,
        reportId,
        format,
      ]);
      if (!file) throw new ReportsError(Code.ReportNotFound, 'Report not found');
      await this.audit.record(manager, actor, { action: 'report.downloaded', entityType: 'report', entityId: reportId, details: { format, shared: report.shared } });
      return { filename: reportFilename(report, format), contentType: CONTENT_TYPES[format], content: file.content };
    });
  }
}

export interface NewReport {
  kind: ReportKind;
  period: ReportPeriod;
  shared: boolean;
  threshold: number;
  requestedBy: string | null;
}

/**
 * Inserts a report and stages its job. A scheduled report exists once per period: a second insert
 * for the same period finds the first (and stages nothing), so the scheduler can run any number of times.
 */
export async function insertReport(manager: EntityManager, organisationId: string, report: NewReport): Promise<ReportView & { created: boolean }> {
  const conflict = report.kind === 'on-demand' ? '' : `ON CONFLICT (organisation_id, kind, period_from) WHERE kind <> 'on-demand' DO NOTHING`;
  const rows: ReportRow[] = await manager.query(
    `INSERT INTO reports (organisation_id, id, kind, period_from, period_to, shared, suppression_threshold, requested_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ${conflict} RETURNING ${REPORT_COLUMNS}`,
    [organisationId, randomUUID(), report.kind, report.period.from, report.period.to, report.shared, report.threshold, report.requestedBy],
  );
  if (!rows.length) {
    const [existing]: ReportRow[] = await manager.query(`SELECT ${REPORT_COLUMNS} FROM reports WHERE organisation_id = $1 AND kind = $2 AND period_from = $3`, [
      organisationId,
      report.kind,
      report.period.from,
    ]);
    return { ...toReportView(existing), created: false };
  }
  return { ...toReportView(rows[0]), created: true };
}

export async function stageReportJob(outbox: Outbox, manager: EntityManager, organisationId: string, reportId: string): Promise<void> {
  const payload: ProduceReportJob = { organisationId, reportId };
  await outbox.stage(manager, organisationId, { queue: QueueName.Reports, jobName: PRODUCE_REPORT, jobId: produceReportJobId(reportId), payload: { ...payload } });
}

async function findReport(manager: EntityManager, organisationId: string, reportId: string): Promise<ReportRow> {
  const [row]: ReportRow[] = await manager.query(`SELECT ${REPORT_COLUMNS} FROM reports WHERE organisation_id = $1 AND id = $2`, [organisationId, reportId]);
  if (!row) throw new ReportsError(Code.ReportNotFound, 'Report not found');
  return row;
}

/** A preset is read in the organisation's calendar; an explicit period must run forwards and be of a sensible length. */
async function resolvePeriod(manager: EntityManager, organisationId: string, request: ReportRequest): Promise<ReportPeriod> {
  if (request.preset) return presetPeriod(request.preset, await organisationToday(manager, organisationId));
  const period = { from: request.from!, to: request.to! };
  if (period.to < period.from) throw new ReportsError(Code.InvalidPeriod, 'to must be on or after from', [{ field: 'to', rule: 'onOrAfterFrom', message: 'to must be on or after from' }]);
  if (daysIn(period) > MAX_PERIOD_DAYS)
    throw new ReportsError(Code.InvalidPeriod, `A report covers at most ${MAX_PERIOD_DAYS} days`, [
      { field: 'from', rule: 'maxPeriod', message: `the period may be at most ${MAX_PERIOD_DAYS} days long` },
    ]);
  return period;
}

function reportFilename(report: ReportRow, format: ReportFormat): string {
  return `programme-report-${report.period_from}-to-${report.period_to}${report.shared ? '-shared' : ''}.${format}`;
}
