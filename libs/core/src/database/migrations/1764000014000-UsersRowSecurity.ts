import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

/**
 * Accounts are platform-wide (one login, several organisations), so `users` has no organisation_id
 * and was left outside row-level security: a query that forgot its filter could read every
 * organisation's members, their emails and password hashes. Now the app role sees (and changes) only
 * the accounts that hold a membership, of any status, in the organisation its transaction is scoped
 * to, which is every read the product makes of another person's account.
 *
 * The two things that must happen before any organisation is known go through SECURITY DEFINER
 * functions, each answering one narrow question: finding the account an email signs in with (its id,
 * password hash and whether it has a second factor; sign-in, sign-up and accepting an invitation) and
 * creating an account (before its first membership exists, so the policy could not yet show it; it
 * answers false, creating nothing, when the email has an account already). The
 * session check needs neither: it scopes its own statement to the token's organisation, where the
 * signed-in member is visible.
 */
export class UsersRowSecurity1764000014000 implements MigrationInterface {
  name = 'UsersRowSecurity1764000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY users_members_of_current_organisation ON users
      USING (EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = current_organisation_id() AND m.user_id = users.id))
      WITH CHECK (EXISTS (SELECT 1 FROM memberships m WHERE m.organisation_id = current_organisation_id() AND m.user_id = users.id))`);

    await q.query(`
      CREATE FUNCTION public.account_for_sign_in(p_email text)
      RETURNS TABLE (id uuid, password_hash text, totp_enabled_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT u.id, u.password_hash, u.totp_enabled_at FROM public.users u WHERE lower(u.email) = lower(p_email) $$`);
    await q.query(`
      CREATE FUNCTION public.create_account(p_id uuid, p_email text, p_name text, p_password_hash text)
      RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        WITH created AS (
          INSERT INTO public.users (id, email, name, password_hash) VALUES (p_id, p_email, p_name, p_password_hash)
          ON CONFLICT ((lower(email))) DO NOTHING RETURNING 1)
        SELECT EXISTS (SELECT 1 FROM created) $$`);
    for (const signature of ['account_for_sign_in(text)', 'create_account(uuid, text, text, text)']) {
      await q.query(`REVOKE ALL ON FUNCTION public.${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION public.${signature} TO ${APP_DATABASE_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public.create_account(uuid, text, text, text)`);
    await q.query(`DROP FUNCTION public.account_for_sign_in(text)`);
    await q.query(`DROP POLICY users_members_of_current_organisation ON users`);
    await q.query(`ALTER TABLE users NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users DISABLE ROW LEVEL SECURITY`);
  }
}
