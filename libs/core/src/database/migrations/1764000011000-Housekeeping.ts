import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/**
 * Housekeeping: an organisation's retention period, the mark left on people anonymised after it,
 * and erasure and subject-access requests that run as jobs rather than inside a request.
 */
export class Housekeeping1764000011000 implements MigrationInterface {
  name = 'Housekeeping1764000011000';

  async up(q: QueryRunner): Promise<void> {
    // NULL keeps records until someone decides otherwise; 1200 months is a century, beyond any policy.
    await q.query(`ALTER TABLE organisations ADD COLUMN retention_months integer CHECK (retention_months BETWEEN 1 AND 1200)`);

    // Set once, when the retention job removes what identifies the person; their rows stay for the counts.
    await q.query(`ALTER TABLE people ADD COLUMN anonymised_at timestamptz`);
    await q.query(`CREATE INDEX people_not_anonymised_idx ON people (organisation_id, id) WHERE anonymised_at IS NULL`);

    // person_id has no foreign key on purpose: an erasure request outlives the person it erased.
    // result holds an export's document (JSON) until it is downloaded or the request is purged.
    await q.query(`
      CREATE TABLE data_rights_requests (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('erase', 'export')),
        person_id uuid NOT NULL,
        requested_by uuid,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
        result bytea,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (organisation_id, id),
        CHECK (result IS NULL OR (kind = 'export' AND status = 'done'))
      )`);
    await q.query(`CREATE INDEX data_rights_requests_person_idx ON data_rights_requests (organisation_id, person_id, requested_at DESC)`);
    await enableTenantRowSecurity(q, 'data_rights_requests');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON data_rights_requests TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_rights_requests`);
    await q.query(`DROP INDEX people_not_anonymised_idx`);
    await q.query(`ALTER TABLE people DROP COLUMN anonymised_at`);
    await q.query(`ALTER TABLE organisations DROP COLUMN retention_months`);
  }
}
