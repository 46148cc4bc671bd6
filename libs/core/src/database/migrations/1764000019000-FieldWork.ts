import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

const NEW_TABLES = [
  'notify_settings',
  'field_settings',
  'activity_entries',
  'expense_export_batches',
  'expense_claims',
  'expense_receipts',
  'safety_checks',
  'coordinator_messages',
  'coordinator_message_recipients',
];

/**
 * Work in the field: text messages through GOV.UK Notify (the organisation's sealed key and
 * template ids, delivery receipts on the delivery log), activity and hours logged by peer mentors
 * and navigators, expense claims with their receipts and the payment batches that pay each claim
 * once, safety and compliance checks per person, messages a coordinator sends to a group, and the
 * lone-working sign-off in supervision.
 */
export class FieldWork1764000019000 implements MigrationInterface {
  name = 'FieldWork1764000019000';

  async up(q: QueryRunner): Promise<void> {
    // Keys and tokens are sealed with the app secret (as TOTP seeds are) and never read back out through the API.
    await q.query(`
      CREATE TABLE notify_settings (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        api_key_sealed text,
        callback_token_sealed text,
        email_via_notify boolean NOT NULL DEFAULT false,
        templates jsonb NOT NULL DEFAULT '{}',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // What Notify's callback says became of a message after it left us.
    await q.query(`
      ALTER TABLE deliveries
        ADD COLUMN receipt_status text CHECK (receipt_status IN ('delivered', 'permanent-failure', 'temporary-failure', 'technical-failure')),
        ADD COLUMN receipt_at timestamptz`);

    await q.query(`
      CREATE TABLE field_settings (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
        social_value_hourly_pence integer NOT NULL DEFAULT 0 CHECK (social_value_hourly_pence BETWEEN 0 AND 100000),
        mileage_pence_per_mile integer NOT NULL DEFAULT 45 CHECK (mileage_pence_per_mile BETWEEN 0 AND 1000),
        mileage_pence_per_mile_above integer NOT NULL DEFAULT 25 CHECK (mileage_pence_per_mile_above BETWEEN 0 AND 1000),
        mileage_threshold_miles integer NOT NULL DEFAULT 10000 CHECK (mileage_threshold_miles BETWEEN 0 AND 1000000),
        no_activity_days integer NOT NULL DEFAULT 14 CHECK (no_activity_days BETWEEN 1 AND 365),
        check_expiry_notice_days integer NOT NULL DEFAULT 30 CHECK (check_expiry_notice_days BETWEEN 1 AND 365),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE activity_entries (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        placement_id uuid,
        occurred_on date NOT NULL,
        minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        kind text NOT NULL CHECK (kind IN ('peer-contact', 'outreach-event', 'accompanied-visit', 'training', 'admin')),
        people_reached integer CHECK (people_reached BETWEEN 0 AND 100000),
        locality_id uuid,
        note text CHECK (length(note) <= 280),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'queried')),
        query_note text,
        logged_by uuid NOT NULL,
        reviewed_by uuid,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, placement_id) REFERENCES placements (organisation_id, id) ON DELETE SET NULL (placement_id),
        FOREIGN KEY (organisation_id, locality_id) REFERENCES localities (organisation_id, id) ON DELETE SET NULL (locality_id)
      )`);
    // Totals read by month, person and locality; the approval queue reads what is waiting.
    await q.query(`CREATE INDEX activity_entries_month_idx ON activity_entries (organisation_id, occurred_on) INCLUDE (person_id, locality_id, placement_id, minutes, people_reached, status)`);
    await q.query(`CREATE INDEX activity_entries_person_idx ON activity_entries (organisation_id, person_id, occurred_on DESC)`);
    await q.query(`CREATE INDEX activity_entries_waiting_idx ON activity_entries (organisation_id, created_at) WHERE status = 'submitted'`);

    // A batch keeps the file it produced, so downloading it again gives the same bytes.
    await q.query(`
      CREATE TABLE expense_export_batches (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        claim_count integer NOT NULL,
        total_pence bigint NOT NULL,
        csv text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);

    await q.query(`
      CREATE TABLE expense_claims (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        incurred_on date NOT NULL,
        category text NOT NULL CHECK (category IN ('mileage', 'public-transport', 'parking', 'subsistence', 'materials', 'other')),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        miles numeric(7,1) CHECK (miles > 0 AND miles <= 5000),
        amount_pence integer NOT NULL CHECK (amount_pence BETWEEN 0 AND 10000000),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected')),
        review_note text,
        submitted_by uuid NOT NULL,
        reviewed_by uuid,
        reviewed_at timestamptz,
        export_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, export_batch_id) REFERENCES expense_export_batches (organisation_id, id),
        CHECK ((category = 'mileage') = (miles IS NOT NULL)),
        CHECK (export_batch_id IS NULL OR status = 'approved')
      )`);
    await q.query(`CREATE INDEX expense_claims_person_idx ON expense_claims (organisation_id, person_id, incurred_on)`);
    await q.query(`CREATE INDEX expense_claims_unexported_idx ON expense_claims (organisation_id, reviewed_at) WHERE status = 'approved' AND export_batch_id IS NULL`);
    await q.query(`CREATE INDEX expense_claims_batch_idx ON expense_claims (organisation_id, export_batch_id) WHERE export_batch_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE expense_receipts (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        claim_id uuid NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, claim_id) REFERENCES expense_claims (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX expense_receipts_claim_idx ON expense_receipts (organisation_id, claim_id)`);

    await q.query(`
      CREATE TABLE safety_checks (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('dbs', 'reference', 'right-to-work', 'training')),
        dbs_level text CHECK (dbs_level IN ('basic', 'standard', 'enhanced')),
        barred_list boolean NOT NULL DEFAULT false,
        title text CHECK (length(title) BETWEEN 1 AND 200),
        checked_on date NOT NULL,
        expires_on date,
        evidence_seen_by text NOT NULL CHECK (length(evidence_seen_by) BETWEEN 1 AND 200),
        notes text CHECK (length(notes) <= 1000),
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE,
        CHECK ((kind = 'dbs') = (dbs_level IS NOT NULL)),
        CHECK (NOT barred_list OR dbs_level = 'enhanced'),
        CHECK (kind <> 'training' OR title IS NOT NULL),
        CHECK (expires_on IS NULL OR expires_on >= checked_on)
      )`);
    await q.query(`CREATE INDEX safety_checks_person_idx ON safety_checks (organisation_id, person_id, kind)`);
    await q.query(`CREATE INDEX safety_checks_expiry_idx ON safety_checks (organisation_id, expires_on) WHERE expires_on IS NOT NULL`);

    // Who a coordinator's message went to is fixed when it is sent, so a later enrolment does not receive it.
    await q.query(`
      CREATE TABLE coordinator_messages (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        audience text NOT NULL CHECK (audience IN ('cohort', 'intake-stage')),
        cohort_id uuid,
        intake_id uuid,
        stage text,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        sent_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`
      CREATE TABLE coordinator_message_recipients (
        organisation_id uuid NOT NULL,
        message_id uuid NOT NULL,
        person_id uuid NOT NULL,
        PRIMARY KEY (organisation_id, message_id, person_id),
        FOREIGN KEY (organisation_id, message_id) REFERENCES coordinator_messages (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX coordinator_messages_recent_idx ON coordinator_messages (organisation_id, created_at)`);

    // Mentors first visit with a navigator, later alone once signed off in supervision.
    await q.query(`ALTER TABLE supervision_records ADD COLUMN lone_working_signed_off boolean NOT NULL DEFAULT false`);

    for (const table of NEW_TABLES) await enableTenantRowSecurity(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${NEW_TABLES.join(', ')} TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE supervision_records DROP COLUMN lone_working_signed_off`);
    for (const table of [...NEW_TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN receipt_status, DROP COLUMN receipt_at`);
  }
}
