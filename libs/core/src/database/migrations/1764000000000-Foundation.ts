import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity, ROW_SECURITY_FUNCTIONS } from '../row-security';

/**
 * Organisations, users, memberships, invitations, sessions and the audit log, with the app's
 * own database role and row-level security on every tenant-owned table.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: several databases (one per test file) may race to create it.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE ${APP_DATABASE_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(ROW_SECURITY_FUNCTIONS);
    await q.query(`GRANT CONNECT ON DATABASE "${await currentDatabase(q)}" TO ${APP_DATABASE_ROLE}`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_DATABASE_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_DATABASE_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_DATABASE_ROLE}`);
    await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${APP_DATABASE_ROLE}`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        borough_code text NOT NULL CHECK (borough_code ~ '^[EWSN][0-9]{8}$'),
        time_zone text NOT NULL DEFAULT 'Europe/London',
        second_factor_required_roles text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // A person's login is platform-wide: one account may belong to several organisations.
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        totp_secret text,
        totp_pending_secret text,
        totp_enabled_at timestamptz,
        recovery_code_hashes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE memberships (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'trainer', 'mentor')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, user_id)
      )`);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);

    await q.query(`
      CREATE TABLE invitations (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'trainer', 'mentor')),
        token_hash text NOT NULL,
        invited_by uuid NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id),
        revoked_at timestamptz,
        email_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE INDEX invitations_email_idx ON invitations (organisation_id, lower(email))`);

    await q.query(`
      CREATE TABLE sessions (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        second_factor_verified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text,
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX sessions_token_key ON sessions (organisation_id, token_hash)`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (organisation_id, user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE audit_log (
        organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        action text NOT NULL,
        entity_type text,
        entity_id text,
        request_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX audit_log_org_time_idx ON audit_log (organisation_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_org_action_idx ON audit_log (organisation_id, action, occurred_at DESC)`);
    // Append-only: the app may add entries but never change or remove them.
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);

    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON organisations, users, memberships, invitations, sessions TO ${APP_DATABASE_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON audit_log TO ${APP_DATABASE_ROLE}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_DATABASE_ROLE}`);

    // The organisation row is the tenant itself; its members may read the organisations they belong to.
    await q.query(`ALTER TABLE organisations ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE organisations FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY organisation_isolation ON organisations
      USING (id = current_organisation_id()
             OR id IN (SELECT organisation_id FROM memberships WHERE user_id = current_app_user_id()))
      WITH CHECK (id = current_organisation_id())`);

    // A user may see their own memberships and sessions in every organisation (to choose one, and
    // so that changing a password ends every session).
    await enableTenantRowSecurity(q, 'memberships', { alsoOwnRowsOf: 'user_id' });
    await enableTenantRowSecurity(q, 'sessions', { alsoOwnRowsOf: 'user_id' });
    await enableTenantRowSecurity(q, 'invitations');
    await enableTenantRowSecurity(q, 'audit_log', { platformRowsInsertable: true });

    // Jobs that fan out per organisation need the list of ids and nothing else; the app role gets
    // exactly that through this function, owned by the migration owner.
    await q.query(`
      CREATE FUNCTION platform_organisation_ids() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT id FROM organisations ORDER BY created_at $$`);
    await q.query(`REVOKE ALL ON FUNCTION platform_organisation_ids() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION platform_organisation_ids() TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log, sessions, invitations, memberships, users, organisations CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS platform_organisation_ids(), audit_log_is_append_only(), current_organisation_id(), current_app_user_id()`);
  }
}

async function currentDatabase(q: QueryRunner): Promise<string> {
  const [{ name }] = await q.query(`SELECT current_database() AS name`);
  return name;
}
