import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';

/**
 * Sign-up waits for the email address to be proven: a request is kept here until the link emailed
 * to that address is used, and only then are the account, the organisation and a session created.
 * The api stores every request alike, whether or not the address already has an account, so the
 * answer and its timing say nothing about that; the worker, which writes the email, is the one to
 * look (and writes to an existing account that someone tried to sign up with its address).
 *
 * The rows hold a name, an email address and a password hash, and belong to no organisation yet,
 * so row-level security cannot scope them. The app role therefore gets no rights on the table at
 * all (row-level security with no policy hides every row even if a grant slips in) and
 * reaches it only through these narrow functions, each about one request, owned by the migration
 * owner. A used request is deleted, so the link works once; expired ones are deleted as new ones come.
 */
export class SignUpRequests1764000013000 implements MigrationInterface {
  name = 'SignUpRequests1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_up_requests (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        organisation_name text NOT NULL,
        borough_code text NOT NULL,
        time_zone text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        email_sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX sign_up_requests_expires_idx ON sign_up_requests (expires_at)`);
    await q.query(`CREATE INDEX sign_up_requests_unsent_idx ON sign_up_requests (created_at) WHERE email_sent_at IS NULL`);
    await q.query(`REVOKE ALL ON sign_up_requests FROM ${APP_DATABASE_ROLE}`);
    // Enabled but not forced: no policy means no row for any other role, while the functions below run as the owner.
    await q.query(`ALTER TABLE sign_up_requests ENABLE ROW LEVEL SECURITY`);

    await q.query(`
      CREATE FUNCTION request_sign_up(p_id uuid, p_email text, p_name text, p_organisation_name text, p_borough_code text, p_time_zone text, p_password_hash text, p_expires_at timestamptz)
      RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        DELETE FROM sign_up_requests WHERE expires_at < now();
        INSERT INTO sign_up_requests (id, email, name, organisation_name, borough_code, time_zone, password_hash, expires_at)
        VALUES (p_id, p_email, p_name, p_organisation_name, p_borough_code, p_time_zone, p_password_hash, p_expires_at);
      $$`);
    // What the email needs, and whether the address already has an account; nothing for a used or expired request.
    await q.query(`
      CREATE FUNCTION sign_up_request_for_email(p_id uuid)
      RETURNS TABLE (email text, organisation_name text, expires_at timestamptz, email_sent_at timestamptz, account_exists boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT r.email, r.organisation_name, r.expires_at, r.email_sent_at,
               EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(r.email))
          FROM sign_up_requests r WHERE r.id = p_id AND r.expires_at > now()
      $$`);
    await q.query(`
      CREATE FUNCTION mark_sign_up_email_sent(p_id uuid) RETURNS void
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        UPDATE sign_up_requests SET email_sent_at = now() WHERE id = p_id AND email_sent_at IS NULL
      $$`);
    // Requests whose email job was lost (Redis restarted): old enough that the job should have run.
    await q.query(`
      CREATE FUNCTION unsent_sign_up_requests() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT id FROM sign_up_requests WHERE email_sent_at IS NULL AND expires_at > now() AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT 1000
      $$`);
    // Takes the request (the row is deleted, so the link works once) and hands back what the account is made of.
    await q.query(`
      CREATE FUNCTION claim_sign_up_request(p_id uuid)
      RETURNS TABLE (email text, name text, organisation_name text, borough_code text, time_zone text, password_hash text)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
        DELETE FROM sign_up_requests r WHERE r.id = p_id AND r.expires_at > now()
        RETURNING r.email, r.name, r.organisation_name, r.borough_code, r.time_zone, r.password_hash
      $$`);
    for (const signature of [
      'request_sign_up(uuid, text, text, text, text, text, text, timestamptz)',
      'sign_up_request_for_email(uuid)',
      'mark_sign_up_email_sent(uuid)',
      'unsent_sign_up_requests()',
      'claim_sign_up_request(uuid)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_DATABASE_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION request_sign_up(uuid, text, text, text, text, text, text, timestamptz), sign_up_request_for_email(uuid), mark_sign_up_email_sent(uuid), unsent_sign_up_requests(), claim_sign_up_request(uuid)`,
    );
    await q.query(`DROP TABLE sign_up_requests`);
  }
}
