import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

/**
 * Every authenticated request looks its session up first. As one function the lookup is one round
 * trip instead of four (begin, scope, select, commit): the function scopes its own implicit
 * transaction to the token's organisation, so row-level security applies exactly as before. It runs
 * as the caller (SECURITY INVOKER), so it can see nothing the app role could not.
 */
export class SessionLookup1764000001000 implements MigrationInterface {
  name = 'SessionLookup1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION authenticate_session(p_organisation_id uuid, p_token_hash text, p_idle_minutes int, p_touch_after_seconds int)
      RETURNS TABLE (session_id uuid, user_id uuid, second_factor_verified boolean, role text, totp_enabled boolean, second_factor_required boolean)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public AS $$
      BEGIN
        PERFORM set_config('app.organisation_id', p_organisation_id::text, true);
        RETURN QUERY
          WITH live AS (
            SELECT s.id, s.user_id, s.second_factor_verified, s.last_seen_at, m.role,
                   u.totp_enabled_at IS NOT NULL AS totp_enabled,
                   m.role = ANY (o.second_factor_required_roles) AS second_factor_required
              FROM sessions s
              JOIN memberships m ON m.organisation_id = s.organisation_id AND m.user_id = s.user_id AND m.status = 'active'
              JOIN organisations o ON o.id = s.organisation_id
              JOIN users u ON u.id = s.user_id
             WHERE s.organisation_id = p_organisation_id AND s.token_hash = p_token_hash AND s.revoked_at IS NULL
               AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
          ), touched AS (
            -- Touching last_seen_at on every request would write on every read; now and then is enough.
            UPDATE sessions SET last_seen_at = now()
             WHERE organisation_id = p_organisation_id
               AND id IN (SELECT live.id FROM live WHERE live.last_seen_at < now() - make_interval(secs => p_touch_after_seconds))
          )
          SELECT live.id, live.user_id, live.second_factor_verified, live.role, live.totp_enabled, live.second_factor_required FROM live;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION authenticate_session(uuid, text, int, int) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION authenticate_session(uuid, text, int, int) TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION authenticate_session(uuid, text, int, int)`);
  }
}
