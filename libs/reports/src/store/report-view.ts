export type ReportKind = 'weekly' | 'monthly' | 'on-demand';
export type ReportStatus = 'queued' | 'running' | 'done' | 'failed';
export const REPORT_FORMATS = ['csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface ReportView {
  id: string;
  /** The BullMQ job that produces it: the report's own id. */
  jobId: string;
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  shared: boolean;
  suppressionThreshold: number;
  status: ReportStatus;
  requestedBy: string | null;
  attempts: number;
  error: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Download paths, once it is done. */
  downloads: Partial<Record<ReportFormat, string>>;
}

export const REPORT_COLUMNS = `id, kind, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, shared, suppression_threshold, status,
  requested_by, attempts, error, requested_at, started_at, completed_at`;

export interface ReportRow {
  id: string;
  kind: ReportKind;
  period_from: string;
  period_to: string;
  shared: boolean;
  suppression_threshold: number;
  status: ReportStatus;
  requested_by: string | null;
  attempts: number;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

export function toReportView(row: ReportRow): ReportView {
  return {
    id: row.id,
    jobId: row.id,
    kind: row.kind,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    shared: row.shared,
    suppressionThreshold: row.suppression_threshold,
    status: row.status,
    requestedBy: row.requested_by,
    attempts: row.attempts,
    error: row.error,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    downloads: row.status === 'done' ? Object.fromEntries(['csv', 'html', 'pdf'].map((f) => [f, `/reports/${row.id}/download?format=${f}`])) : {},
  };
}
