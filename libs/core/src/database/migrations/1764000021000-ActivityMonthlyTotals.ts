import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/** Stands for "no locality" in the rollup's unique key (a key column cannot be null). */
const NO_LOCALITY = `'00000000-0000-0000-0000-000000000000'::uuid`;
const KEY = `organisation_id, month, person_id, (coalesce(locality_id, ${NO_LOCALITY})), status`;

/** Adds the signed rows of a transition table (or two) to the rollup, one upsert per key, in key order. */
const apply = (rows: string) => `
  INSERT INTO activity_monthly_totals AS t (organisation_id, month, person_id, locality_id, status, entries, minutes, people_reached)
  SELECT organisation_id, month, person_id, locality_id, status, sum(sign)::int, sum(sign * minutes), sum(sign * coalesce(people_reached, 0))
    FROM (${rows}) r
   GROUP BY organisation_id, month, person_id, locality_id, status
   ORDER BY organisation_id, month, person_id, locality_id, status
  ON CONFLICT (${KEY}) DO UPDATE
    SET entries = t.entries + EXCLUDED.entries, minutes = t.minutes + EXCLUDED.minutes, people_reached = t.people_reached + EXCLUDED.people_reached;
  DELETE FROM activity_monthly_totals WHERE entries = 0 AND organisation_id IN (SELECT DISTINCT organisation_id FROM (${rows}) d)`;
const rowsOf = (table: string, sign: 1 | -1) =>
  `SELECT organisation_id, date_trunc('month', occurred_on)::date AS month, person_id, locality_id, status, minutes, people_reached, ${sign} AS sign FROM ${table}`;

/**
 * Monthly totals of logged activity per person, locality and status, kept by the database: three
 * statement-level triggers add each statement's rows (inserted, changed, deleted) to them in one
 * upsert, so a million entries are totalled by month, person and locality from a few thousand
 * rows, and no code path can forget to keep them. GET /activity-totals reads whole months here
 * and only the days of a partial month from the entries themselves.
 */
export class ActivityMonthlyTotals1764000021000 implements MigrationInterface {
  name = 'ActivityMonthlyTotals1764000021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_monthly_totals (
        organisation_id uuid NOT NULL,
        month date NOT NULL,
        person_id uuid NOT NULL,
        locality_id uuid,
        status text NOT NULL,
        entries integer NOT NULL,
        minutes bigint NOT NULL,
        people_reached bigint NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX activity_monthly_totals_key ON activity_monthly_totals (${KEY})`);
    // Keys whose entries all went (deleted, or moved to another month, locality or status) are found here and removed.
    await q.query(`CREATE INDEX activity_monthly_totals_emptied ON activity_monthly_totals (organisation_id) WHERE entries = 0`);
    await q.query(`
      INSERT INTO activity_monthly_totals (organisation_id, month, person_id, locality_id, status, entries, minutes, people_reached)
      SELECT organisation_id, date_trunc('month', occurred_on)::date, person_id, locality_id, status, count(*), sum(minutes), coalesce(sum(people_reached), 0)
        FROM activity_entries GROUP BY 1, 2, 3, 4, 5`);
    await q.query(`
      CREATE FUNCTION activity_totals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${apply(rowsOf('new_rows', 1))}; RETURN NULL; END $$`);
    await q.query(`
      CREATE FUNCTION activity_totals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${apply(`${rowsOf('old_rows', -1)} UNION ALL ${rowsOf('new_rows', 1)}`)}; RETURN NULL; END $$`);
    await q.query(`
      CREATE FUNCTION activity_totals_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${apply(rowsOf('old_rows', -1))}; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER activity_totals_insert AFTER INSERT ON activity_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_totals_inserted()`);
    await q.query(
      `CREATE TRIGGER activity_totals_update AFTER UPDATE ON activity_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_totals_updated()`,
    );
    await q.query(`CREATE TRIGGER activity_totals_delete AFTER DELETE ON activity_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_totals_deleted()`);
    await enableTenantRowSecurity(q, 'activity_monthly_totals');
    // The app writes here only through the triggers, which run as the statement's user.
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON activity_monthly_totals TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER activity_totals_insert ON activity_entries`);
    await q.query(`DROP TRIGGER activity_totals_update ON activity_entries`);
    await q.query(`DROP TRIGGER activity_totals_delete ON activity_entries`);
    await q.query(`DROP FUNCTION activity_totals_inserted(), activity_totals_updated(), activity_totals_deleted()`);
    await q.query(`DROP TABLE activity_monthly_totals`);
  }
}
