import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

const TENANT_TABLES = ['localities', 'people', 'consents', 'demographic_profiles', 'programmes', 'intakes', 'intake_locality_capacities', 'applications', 'application_transitions', 'outbox'];

/**
 * Localities, people (with their special-category profile and consents kept apart), programmes,
 * intakes, applications with their stage history, and the outbox through which work that starts
 * from a user's action reaches the queues.
 */
export class PeopleAndRecruitment1764000002000 implements MigrationInterface {
  name = 'PeopleAndRecruitment1764000002000';

  async up(q: QueryRunner): Promise<void> {
    // Trigram indexes make "contains" search on names and emails fast in big lists; btree_gin lets
    // them lead with organisation_id like every other tenant index.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await q.query(`
      CREATE TABLE localities (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        ons_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX localities_name_key ON localities (organisation_id, lower(name))`);

    await q.query(`
      CREATE TABLE people (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        preferred_name text,
        email text,
        phone text,
        phone_digits text GENERATED ALWAYS AS (nullif(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'), '')) STORED,
        postcode text,
        locality_id uuid,
        date_of_birth date,
        contact_preferences text[] NOT NULL DEFAULT '{email}',
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, locality_id) REFERENCES localities (organisation_id, id)
      )`);
    await q.query(`CREATE INDEX people_email_idx ON people (organisation_id, lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX people_phone_idx ON people (organisation_id, phone_digits) WHERE phone_digits IS NOT NULL`);
    await q.query(`CREATE INDEX people_name_trgm_idx ON people USING gin (organisation_id, name gin_trgm_ops)`);
    await q.query(`CREATE INDEX people_email_trgm_idx ON people USING gin (organisation_id, email gin_trgm_ops)`);
    await q.query(`CREATE INDEX people_user_idx ON people (organisation_id, user_id) WHERE user_id IS NOT NULL`);

    // What a person agreed to, when and how; withdrawal is a date, the record stays as evidence.
    await q.query(`
      CREATE TABLE consents (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('demographic-monitoring', 'contact')),
        wording text NOT NULL,
        method text NOT NULL CHECK (method IN ('online-form', 'paper-form', 'verbal', 'import')),
        given_at timestamptz NOT NULL,
        recorded_by uuid,
        withdrawn_at timestamptz,
        withdrawn_by uuid,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX consents_person_idx ON consents (organisation_id, person_id)`);

    // Special-category data, apart from the person so that only the code paths that need it read it.
    await q.query(`
      CREATE TABLE demographic_profiles (
        organisation_id uuid NOT NULL,
        person_id uuid NOT NULL,
        consent_id uuid NOT NULL,
        sex text,
        gender_identity text,
        ethnicity text,
        disability text,
        religion text,
        main_language text,
        english_proficiency text,
        lived_experience text[],
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, person_id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, consent_id) REFERENCES consents (organisation_id, id)
      )`);

    await q.query(`
      CREATE TABLE programmes (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('volunteering', 'training-course', 'paid-role')),
        description text NOT NULL DEFAULT '',
        eligibility_notes text NOT NULL DEFAULT '',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);

    await q.query(`
      CREATE TABLE intakes (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        programme_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        capacity integer NOT NULL CHECK (capacity > 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'archived')),
        public_slug text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, programme_id) REFERENCES programmes (organisation_id, id),
        CHECK (closes_on >= opens_on)
      )`);
    await q.query(`CREATE INDEX intakes_programme_idx ON intakes (organisation_id, programme_id)`);
    // The public form finds its intake by slug before any organisation is known.
    await q.query(`CREATE UNIQUE INDEX intakes_public_slug_key ON intakes (public_slug)`);

    await q.query(`
      CREATE TABLE intake_locality_capacities (
        organisation_id uuid NOT NULL,
        intake_id uuid NOT NULL,
        locality_id uuid NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        PRIMARY KEY (organisation_id, intake_id, locality_id),
        FOREIGN KEY (organisation_id, intake_id) REFERENCES intakes (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, locality_id) REFERENCES localities (organisation_id, id)
      )`);

    await q.query(`
      CREATE TABLE applications (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        intake_id uuid NOT NULL,
        person_id uuid NOT NULL,
        stage text NOT NULL DEFAULT 'applied'
          CHECK (stage IN ('applied', 'screened', 'taster', 'offered', 'accepted', 'enrolled', 'waitlisted', 'declined', 'withdrawn')),
        source text NOT NULL CHECK (source IN ('self', 'referral', 'coordinator', 'event')),
        referrer text,
        applied_at timestamptz NOT NULL DEFAULT now(),
        stage_changed_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, intake_id) REFERENCES intakes (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id)
      )`);
    // The pipeline board and the filtered lists read by intake, then stage, then date.
    await q.query(`CREATE INDEX applications_intake_stage_idx ON applications (organisation_id, intake_id, stage, applied_at DESC, id)`);
    await q.query(`CREATE INDEX applications_applied_idx ON applications (organisation_id, applied_at DESC, id)`);
    await q.query(`CREATE INDEX applications_person_idx ON applications (organisation_id, person_id)`);

    await q.query(`
      CREATE TABLE application_transitions (
        organisation_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        application_id uuid NOT NULL,
        from_stage text,
        to_stage text NOT NULL,
        actor_user_id uuid,
        note text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, application_id) REFERENCES applications (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX application_transitions_application_idx ON application_transitions (organisation_id, application_id, occurred_at)`);

    // Work that starts from a user's action is stored in the action's own transaction, then relayed
    // to the queue; the job id makes a second relay of the same row a no-op.
    await q.query(`
      CREATE TABLE outbox (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (organisation_id, id) WHERE relayed_at IS NULL`);

    for (const table of TENANT_TABLES) await enableTenantRowSecurity(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_DATABASE_ROLE}`);

    // The public form arrives with only a slug: whoever knows an intake's slug may read that one
    // intake (to learn its organisation and whether it is open), and nothing else.
    await q.query(`
      CREATE POLICY intakes_public_form ON intakes FOR SELECT
      USING (public_slug = nullif(current_setting('app.public_slug', true), ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')} CASCADE`);
  }
}
