import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

/**
 * Selections on large pools run in the worker: the row is written first, as queued, with the
 * request it will run; the outcome columns are filled in when it is done. PostgreSQL stays the
 * source of truth, so a selection queued or running whose job Redis lost is found here and
 * enqueued again. Rows stored before this were all done.
 */
export class SelectionRuns1764000016100 implements MigrationInterface {
  name = 'SelectionRuns1764000016100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE selections
        ADD COLUMN status text NOT NULL DEFAULT 'done' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        ADD COLUMN stage text CHECK (stage IN ('loading', 'solving', 'storing')),
        ADD COLUMN request jsonb,
        ADD COLUMN error jsonb,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN completed_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    for (const column of ['inputs', 'quota_table', 'panel', 'probabilities', 'minimum_probability', 'equal_chance', 'lottery']) {
      await q.query(`ALTER TABLE selections ALTER COLUMN ${column} DROP NOT NULL`);
    }
    await q.query(`UPDATE selections SET completed_at = created_at`);
    await q.query(`
      ALTER TABLE selections ADD CONSTRAINT selections_done_has_outcome CHECK (
        status <> 'done' OR (inputs IS NOT NULL AND quota_table IS NOT NULL AND panel IS NOT NULL AND probabilities IS NOT NULL
                             AND minimum_probability IS NOT NULL AND equal_chance IS NOT NULL AND lottery IS NOT NULL))`);
    await q.query(`ALTER TABLE selections ADD CONSTRAINT selections_waiting_has_request CHECK (status NOT IN ('queued', 'running') OR request IS NOT NULL)`);
    await q.query(`CREATE INDEX selections_unfinished_idx ON selections (organisation_id, created_at) WHERE status IN ('queued', 'running')`);

    // The reconciler visits only organisations with selections waiting, found without seeing any of their rows.
    await q.query(`
      CREATE FUNCTION selections_unfinished_organisation_ids() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT DISTINCT organisation_id FROM selections WHERE status IN ('queued', 'running') $$`);
    await q.query(`REVOKE ALL ON FUNCTION selections_unfinished_organisation_ids() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION selections_unfinished_organisation_ids() TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS selections_unfinished_organisation_ids()`);
    await q.query(`DELETE FROM selections WHERE status <> 'done'`);
    await q.query(`ALTER TABLE selections DROP CONSTRAINT selections_done_has_outcome, DROP CONSTRAINT selections_waiting_has_request`);
    for (const column of ['inputs', 'quota_table', 'panel', 'probabilities', 'minimum_probability', 'equal_chance', 'lottery']) {
      await q.query(`ALTER TABLE selections ALTER COLUMN ${column} SET NOT NULL`);
    }
    await q.query(
      `ALTER TABLE selections DROP COLUMN status, DROP COLUMN stage, DROP COLUMN request, DROP COLUMN error, DROP COLUMN attempts, DROP COLUMN started_at, DROP COLUMN completed_at, DROP COLUMN updated_at`,
    );
  }
}
