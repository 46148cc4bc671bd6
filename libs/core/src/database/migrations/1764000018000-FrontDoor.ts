import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/** Readable over the phone: no 0/O, 1/I/L or U, so a reference read aloud is written down right. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Drawn from gen_random_uuid's random bytes (a CSPRNG), skipping the two that carry its version
 * and variant bits; 30^8 is some 6.5e11 references.
 */
export const REFERENCE_BYTES = [0, 1, 2, 3, 4, 5, 9, 10];

/** As first written: a SQL function (PlannedApplicationReference replaced it with plpgsql). */
export const APPLICATION_REFERENCE_FUNCTION = `
      CREATE FUNCTION application_reference() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT string_agg(substr('${REFERENCE_ALPHABET}', 1 + get_byte(b, i) % ${REFERENCE_ALPHABET.length}, 1), '' ORDER BY i)
          FROM (SELECT uuid_send(gen_random_uuid()) AS b) r, unnest(ARRAY[${REFERENCE_BYTES.join(', ')}]) i
      $$`;

/**
 * Everyone can get in and be counted: applicants reachable by phone or post as well as email, a
 * short reference on every application, referral partners with their codes, the channel an
 * application came by, the rest of the Census 2021 equality questions, and the one-time tokens that
 * let a public applicant answer them for their own application.
 */
export class FrontDoor1764000018000 implements MigrationInterface {
  name = 'FrontDoor1764000018000';

  async up(q: QueryRunner): Promise<void> {
    // A postal address is a way to reach someone who has neither email nor phone.
    await q.query(`ALTER TABLE people ADD COLUMN address text CHECK (length(address) <= 500)`);
    // Phone-only and paper applicants are matched on name and date of birth too.
    await q.query(`CREATE INDEX people_name_birth_idx ON people (organisation_id, lower(name), date_of_birth) WHERE date_of_birth IS NOT NULL`);

    await q.query(`
      CREATE TABLE referral_partners (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('job-centre', 'gp-surgery', 'community-group', 'faith-group', 'housing-officer', 'existing-peer', 'other')),
        code text NOT NULL CHECK (code ~ '^[A-Z0-9]{3,12}$'),
        contact_name text,
        contact_email text,
        contact_phone text,
        notes text NOT NULL DEFAULT '',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX referral_partners_code_key ON referral_partners (organisation_id, code)`);
    await q.query(`CREATE UNIQUE INDEX referral_partners_name_key ON referral_partners (organisation_id, lower(name))`);

    await q.query(APPLICATION_REFERENCE_FUNCTION);
    await q.query(`GRANT EXECUTE ON FUNCTION application_reference() TO ${APP_DATABASE_ROLE}`);
    await q.query(`ALTER TABLE applications ADD COLUMN reference text`);
    await q.query(`UPDATE applications SET reference = application_reference()`);
    // The odd clash among existing rows is drawn again until none is left.
    await q.query(`
      DO $$ BEGIN
        LOOP
          UPDATE applications a SET reference = application_reference()
            FROM (SELECT organisation_id, id FROM (SELECT organisation_id, id, row_number() OVER (PARTITION BY organisation_id, reference ORDER BY id) AS n FROM applications) x WHERE n > 1) d
           WHERE a.organisation_id = d.organisation_id AND a.id = d.id;
          EXIT WHEN NOT FOUND;
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE applications ALTER COLUMN reference SET NOT NULL, ALTER COLUMN reference SET DEFAULT application_reference()`);
    await q.query(`CREATE UNIQUE INDEX applications_reference_key ON applications (organisation_id, reference)`);

    await q.query(`ALTER TABLE applications ADD COLUMN partner_id uuid`);
    await q.query(`ALTER TABLE applications ADD FOREIGN KEY (organisation_id, partner_id) REFERENCES referral_partners (organisation_id, id)`);
    await q.query(`CREATE INDEX applications_partner_idx ON applications (organisation_id, partner_id, intake_id) WHERE partner_id IS NOT NULL`);
    // How it reached the organisation; unknown for applications recorded before this was asked.
    await q.query(`ALTER TABLE applications ADD COLUMN channel text CHECK (channel IN ('online', 'phone', 'paper', 'in-person', 'import'))`);
    await q.query(`UPDATE applications SET channel = 'online' WHERE source IN ('self', 'event')`);

    // The remaining Census 2021 equality questions, and the write-in answers the census offered.
    await q.query(`
      ALTER TABLE demographic_profiles
        ADD COLUMN age_band text,
        ADD COLUMN ethnicity_other text CHECK (length(ethnicity_other) <= 100),
        ADD COLUMN religion_other text CHECK (length(religion_other) <= 100),
        ADD COLUMN gender_identity_other text CHECK (length(gender_identity_other) <= 100),
        ADD COLUMN sexual_orientation text,
        ADD COLUMN sexual_orientation_other text CHECK (length(sexual_orientation_other) <= 100)`);

    // A public applicant answers the equality questions for their own application only: the token
    // handed back with it (only its hash is kept) works once, for a short while.
    await q.query(`
      CREATE TABLE equality_step_tokens (
        organisation_id uuid NOT NULL,
        application_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (organisation_id, application_id),
        FOREIGN KEY (organisation_id, application_id) REFERENCES applications (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX equality_step_tokens_hash_key ON equality_step_tokens (organisation_id, token_hash)`);

    for (const table of ['referral_partners', 'equality_step_tokens']) {
      await enableTenantRowSecurity(q, table);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_DATABASE_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE equality_step_tokens`);
    await q.query(`
      ALTER TABLE demographic_profiles DROP COLUMN age_band, DROP COLUMN ethnicity_other, DROP COLUMN religion_other,
        DROP COLUMN gender_identity_other, DROP COLUMN sexual_orientation, DROP COLUMN sexual_orientation_other`);
    await q.query(`ALTER TABLE applications DROP COLUMN channel, DROP COLUMN partner_id, DROP COLUMN reference`);
    await q.query(`DROP FUNCTION application_reference()`);
    await q.query(`DROP TABLE referral_partners`);
    await q.query(`DROP INDEX people_name_birth_idx`);
    await q.query(`ALTER TABLE people DROP COLUMN address`);
  }
}
