import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/**
 * The delivery log: one row per message a person should receive, keyed by what the message is about
 * (e.g. `application-confirmation:<applicationId>:<recipient>`), so a retried or duplicated job finds
 * the key already sent and sends nothing. Also what the outbox sweeps use to find their work.
 */
export class Deliveries1764000003000 implements MigrationInterface {
  name = 'Deliveries1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deliveries (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 500),
        channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        template text NOT NULL,
        subject text,
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 1,
        provider_id text,
        error text,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX deliveries_key_key ON deliveries (organisation_id, key)`);
    // Failed and stuck deliveries, for the admin view and the reconcilers.
    await q.query(`CREATE INDEX deliveries_unsent_idx ON deliveries (organisation_id, status, updated_at) WHERE status <> 'sent'`);
    await enableTenantRowSecurity(q, 'deliveries');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON deliveries TO ${APP_DATABASE_ROLE}`);

    // The outbox sweep visits only organisations with something pending; the app role learns those
    // ids and nothing else (the partial index keeps this cheap however many tenants there are).
    await q.query(`
      CREATE FUNCTION outbox_pending_organisation_ids() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT DISTINCT organisation_id FROM outbox WHERE relayed_at IS NULL $$`);
    await q.query(`REVOKE ALL ON FUNCTION outbox_pending_organisation_ids() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION outbox_pending_organisation_ids() TO ${APP_DATABASE_ROLE}`);

    // The recovery sweep re-checks recently relayed rows against Redis (a flush loses relayed jobs too).
    await q.query(`CREATE INDEX outbox_relayed_idx ON outbox (organisation_id, relayed_at) WHERE relayed_at IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION outbox_recently_relayed_organisation_ids(since timestamptz) RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT DISTINCT organisation_id FROM outbox WHERE relayed_at >= since $$`);
    await q.query(`REVOKE ALL ON FUNCTION outbox_recently_relayed_organisation_ids(timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION outbox_recently_relayed_organisation_ids(timestamptz) TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS outbox_pending_organisation_ids(), outbox_recently_relayed_organisation_ids(timestamptz)`);
    await q.query(`DROP INDEX IF EXISTS outbox_relayed_idx`);
    await q.query(`DROP TABLE deliveries`);
  }
}
