import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

const SIGNATURE = 'public.organisation_today(uuid, timestamptz)';

/**
 * `organisation_today(organisation, at)`: the date on the organisation's calendar at `at` (now when
 * left out), in its own time zone, Europe/London where its row is not visible. It runs as the caller
 * (SECURITY INVOKER): row-level security already shows an organisation's own row inside its
 * `Tenancy.run`, which is where every caller is.
 *
 * STABLE, but PostgreSQL still calls it once per row when it sits in a WHERE clause over many rows;
 * written as a scalar subquery, `(SELECT organisation_today($1, $2))`, it is evaluated once per
 * query (an InitPlan). Names are schema-qualified instead of a `SET search_path` clause, which would
 * add a configuration change to every call.
 */
export class OrganisationToday1764000026000 implements MigrationInterface {
  name = 'OrganisationToday1764000026000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION public.organisation_today(p_organisation_id uuid, p_at timestamptz DEFAULT now())
      RETURNS date LANGUAGE sql STABLE PARALLEL SAFE SECURITY INVOKER AS $$
        SELECT (p_at AT TIME ZONE coalesce((SELECT o.time_zone FROM public.organisations o WHERE o.id = p_organisation_id), 'Europe/London'))::date
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION ${SIGNATURE} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${SIGNATURE} TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${SIGNATURE}`);
  }
}
