import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

/**
 * `GET /auth/me` is read on every page load of the web app. Answered as the session lookup plus a
 * tenant-scoped read it cost four round trips (lookup, begin and scope, select, commit); this
 * function makes the lookup itself return what the page shows, so the whole request is one.
 *
 * What counts as a live session is the same as in `authenticate_session` (SessionLookup migration):
 * not revoked, within both timeouts, membership active; an e2e test holds the two to the same
 * answers. It is written out here rather than called, because the nested call and its writable CTE
 * cost more than the rest of the lookup; last_seen_at is touched only when due, as there. Nothing is
 * cached: a revoked session or a removed member is refused on the very next request.
 *
 * Only once the session is known does it scope itself to that user as well, transaction-locally, so
 * that row-level security lets it list the user's active memberships in other organisations, exactly
 * as a `runScoped({ organisationId, userId })` read would. It runs as the caller (SECURITY INVOKER),
 * so it can see nothing the app role could not; names are schema-qualified instead of a `SET
 * search_path` clause, which would add a configuration change to every call.
 */
export class SessionLookupProfile1764000012000 implements MigrationInterface {
  name = 'SessionLookupProfile1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION public.authenticate_session_profile(p_organisation_id uuid, p_token_hash text, p_idle_minutes int, p_touch_after_seconds int)
      RETURNS TABLE (session_id uuid, user_id uuid, second_factor_verified boolean, role text, totp_enabled boolean, second_factor_required boolean,
                     email text, name text, organisation json, memberships json)
      LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
      DECLARE
        live record;
      BEGIN
        PERFORM pg_catalog.set_config('app.organisation_id', p_organisation_id::text, true);
        SELECT s.id, s.user_id, s.second_factor_verified, s.last_seen_at, m.role::text AS role,
               u.totp_enabled_at IS NOT NULL AS totp_enabled,
               m.role = ANY (o.second_factor_required_roles) AS second_factor_required,
               u.email, u.name,
               json_build_object('id', o.id, 'name', o.name, 'boroughCode', o.borough_code, 'timeZone', o.time_zone) AS organisation
          INTO live
          FROM public.sessions s
          JOIN public.memberships m ON m.organisation_id = s.organisation_id AND m.user_id = s.user_id AND m.status = 'active'
          JOIN public.organisations o ON o.id = s.organisation_id
          JOIN public.users u ON u.id = s.user_id
         WHERE s.organisation_id = p_organisation_id AND s.token_hash = p_token_hash AND s.revoked_at IS NULL
           AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes);
        IF NOT FOUND THEN
          RETURN;
        END IF;
        IF live.last_seen_at < now() - make_interval(secs => p_touch_after_seconds) THEN
          UPDATE public.sessions SET last_seen_at = now() WHERE organisation_id = p_organisation_id AND id = live.id;
        END IF;

        PERFORM pg_catalog.set_config('app.user_id', live.user_id::text, true);
        session_id := live.id;
        user_id := live.user_id;
        second_factor_verified := live.second_factor_verified;
        role := live.role;
        totp_enabled := live.totp_enabled;
        second_factor_required := live.second_factor_required;
        email := live.email;
        name := live.name;
        organisation := live.organisation;
        SELECT coalesce(json_agg(json_build_object('organisationId', mo.id, 'organisationName', mo.name, 'role', mm.role) ORDER BY mo.name), '[]')
          INTO memberships
          FROM public.memberships mm
          JOIN public.organisations mo ON mo.id = mm.organisation_id
         WHERE mm.user_id = live.user_id AND mm.status = 'active';
        RETURN NEXT;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION public.authenticate_session_profile(uuid, text, int, int) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION public.authenticate_session_profile(uuid, text, int, int) TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public.authenticate_session_profile(uuid, text, int, int)`);
  }
}
