import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery log learns two things for the remaining reminder kinds: a `skipped` status (a
 * reminder that was due but not sent, e.g. because the person does not want email, recorded so the
 * reconciler stops offering it and an admin can see why), and the job that produced each message
 * (queue, name and its id-only data), so an admin can retry a failed one after its last attempt.
 */
export class Reminders1764000009000 implements MigrationInterface {
  name = 'Reminders1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('sending', 'sent', 'failed', 'skipped'))`);
    await q.query(`ALTER TABLE deliveries ADD COLUMN job_queue text, ADD COLUMN job_name text, ADD COLUMN job_data jsonb`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_job_check CHECK ((job_queue IS NULL) = (job_name IS NULL) AND (job_name IS NULL) = (job_data IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_job_check`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN job_queue, DROP COLUMN job_name, DROP COLUMN job_data`);
    await q.query(`DELETE FROM deliveries WHERE status = 'skipped'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('sending', 'sent', 'failed'))`);
  }
}
