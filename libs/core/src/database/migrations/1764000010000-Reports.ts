import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/**
 * Programme reports: one row per report asked for (on demand) or due (weekly, monthly), its status
 * as the worker produces it, and its files (CSV, HTML, PDF) in a child table, so a list of reports
 * never reads the files and a download reads one.
 */
export class Reports1764000010000 implements MigrationInterface {
  name = 'Reports1764000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'on-demand')),
        period_from date NOT NULL,
        period_to date NOT NULL,
        shared boolean NOT NULL DEFAULT false,
        suppression_threshold integer NOT NULL DEFAULT 5 CHECK (suppression_threshold BETWEEN 2 AND 100),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        attempts integer NOT NULL DEFAULT 0,
        error text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        CHECK (period_to >= period_from)
      )`);
    // A weekly or monthly report exists once per period, however often the scheduler runs.
    await q.query(`CREATE UNIQUE INDEX reports_scheduled_key ON reports (organisation_id, kind, period_from) WHERE kind <> 'on-demand'`);
    await q.query(`CREATE INDEX reports_list_idx ON reports (organisation_id, requested_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE report_files (
        organisation_id uuid NOT NULL,
        report_id uuid NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'html', 'pdf')),
        content_type text NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, report_id, format),
        FOREIGN KEY (organisation_id, report_id) REFERENCES reports (organisation_id, id) ON DELETE CASCADE
      )`);
    for (const table of ['reports', 'report_files']) await enableTenantRowSecurity(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON reports, report_files TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_files, reports`);
  }
}
