import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

const TENANT_TABLES = ['completion_rules', 'cohorts', 'cohort_trainers', 'enrolments', 'withdrawals', 'cohort_sessions', 'attendance', 'assessment_results', 'at_risk_events'];

const ATTENDANCE_STATUSES = `'present', 'late', 'absent', 'excused'`;
const WITHDRAWAL_REASONS = `'motivation', 'classroom-environment', 'health-or-recovery', 'caring-responsibilities', 'employment', 'moved-away', 'excluded-for-behaviour', 'other'`;

/**
 * Training cohorts: their trainers, sessions, enrolments, attendance registers, assessment results,
 * withdrawals (kept as history so a re-admission never erases a drop-out), the completion rules of
 * each programme and the at-risk events that reminders will be made from.
 */
export class Cohorts1764000005000 implements MigrationInterface {
  name = 'Cohorts1764000005000';

  async up(q: QueryRunner): Promise<void> {
    // One row per programme; a programme without one uses the defaults written here.
    await q.query(`
      CREATE TABLE completion_rules (
        organisation_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        minimum_attendance_percent integer NOT NULL DEFAULT 80 CHECK (minimum_attendance_percent BETWEEN 0 AND 100),
        required_assessments text[] NOT NULL DEFAULT '{}',
        at_risk_consecutive_absences integer NOT NULL DEFAULT 2 CHECK (at_risk_consecutive_absences BETWEEN 1 AND 52),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, programme_id),
        FOREIGN KEY (organisation_id, programme_id) REFERENCES programmes (organisation_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE cohorts (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        programme_id uuid NOT NULL,
        intake_id uuid,
        locality_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        starts_on date NOT NULL,
        capacity integer NOT NULL CHECK (capacity > 0),
        venue text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, programme_id) REFERENCES programmes (organisation_id, id),
        FOREIGN KEY (organisation_id, intake_id) REFERENCES intakes (organisation_id, id),
        FOREIGN KEY (organisation_id, locality_id) REFERENCES localities (organisation_id, id)
      )`);
    await q.query(`CREATE INDEX cohorts_programme_idx ON cohorts (organisation_id, programme_id, starts_on)`);

    // A trainer must be a member of the organisation; removing the membership removes the assignment.
    await q.query(`
      CREATE TABLE cohort_trainers (
        organisation_id uuid NOT NULL,
        cohort_id uuid NOT NULL,
        user_id uuid NOT NULL,
        PRIMARY KEY (organisation_id, cohort_id, user_id),
        FOREIGN KEY (organisation_id, cohort_id) REFERENCES cohorts (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, user_id) REFERENCES memberships (organisation_id, user_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX cohort_trainers_user_idx ON cohort_trainers (organisation_id, user_id)`);

    await q.query(`
      CREATE TABLE enrolments (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        cohort_id uuid NOT NULL,
        person_id uuid NOT NULL,
        application_id uuid,
        status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'withdrawn', 'completed')),
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        enrolled_by uuid,
        completed_at timestamptz,
        completed_by uuid,
        PRIMARY KEY (organisation_id, id),
        UNIQUE (organisation_id, cohort_id, person_id),
        FOREIGN KEY (organisation_id, cohort_id) REFERENCES cohorts (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id),
        FOREIGN KEY (organisation_id, application_id) REFERENCES applications (organisation_id, id)
      )`);
    await q.query(`CREATE INDEX enrolments_person_idx ON enrolments (organisation_id, person_id)`);

    // Each drop-out is a row; a re-admission closes it rather than deleting it.
    await q.query(`
      CREATE TABLE withdrawals (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        enrolment_id uuid NOT NULL,
        withdrawn_on date NOT NULL,
        reason text NOT NULL CHECK (reason IN (${WITHDRAWAL_REASONS})),
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        readmitted_on date,
        readmission_note text,
        readmitted_by uuid,
        readmitted_at timestamptz,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolments (organisation_id, id) ON DELETE CASCADE,
        CHECK (readmitted_on IS NULL OR readmitted_on >= withdrawn_on)
      )`);
    await q.query(`CREATE INDEX withdrawals_enrolment_idx ON withdrawals (organisation_id, enrolment_id, withdrawn_on)`);
    await q.query(`CREATE UNIQUE INDEX withdrawals_one_open_key ON withdrawals (organisation_id, enrolment_id) WHERE readmitted_on IS NULL`);

    // held_on is the session's date in the organisation's time zone, kept beside the UTC instant so
    // that figures and withdrawals (dates) compare without a time-zone conversion per row.
    await q.query(`
      CREATE TABLE cohort_sessions (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        cohort_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        held_on date NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        venue text,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        note text,
        register_version integer NOT NULL DEFAULT 0,
        register_saved_at timestamptz,
        register_saved_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, cohort_id) REFERENCES cohorts (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX cohort_sessions_cohort_idx ON cohort_sessions (organisation_id, cohort_id, starts_at)`);

    await q.query(`
      CREATE TABLE attendance (
        organisation_id uuid NOT NULL,
        session_id uuid NOT NULL,
        enrolment_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN (${ATTENDANCE_STATUSES})),
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, session_id, enrolment_id),
        FOREIGN KEY (organisation_id, session_id) REFERENCES cohort_sessions (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolments (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX attendance_enrolment_idx ON attendance (organisation_id, enrolment_id)`);

    // The latest result per assessment; a resit overwrites it (the audit log keeps the earlier one).
    await q.query(`
      CREATE TABLE assessment_results (
        organisation_id uuid NOT NULL,
        enrolment_id uuid NOT NULL,
        assessment text NOT NULL CHECK (length(assessment) BETWEEN 1 AND 200),
        result text NOT NULL CHECK (result IN ('pass', 'fail')),
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, enrolment_id, assessment),
        FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolments (organisation_id, id) ON DELETE CASCADE
      )`);

    // What the reminder jobs will pick up (notified_at still empty). The unique key makes saving the
    // same register twice record one event, not two.
    await q.query(`
      CREATE TABLE at_risk_events (
        organisation_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        cohort_id uuid NOT NULL,
        enrolment_id uuid NOT NULL,
        session_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('consecutive-absences', 'attendance-below-minimum')),
        details jsonb NOT NULL DEFAULT '{}',
        detected_at timestamptz NOT NULL DEFAULT now(),
        notified_at timestamptz,
        PRIMARY KEY (organisation_id, id),
        UNIQUE (organisation_id, enrolment_id, session_id, reason),
        FOREIGN KEY (organisation_id, cohort_id) REFERENCES cohorts (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, enrolment_id) REFERENCES enrolments (organisation_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organisation_id, session_id) REFERENCES cohort_sessions (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX at_risk_events_pending_idx ON at_risk_events (organisation_id, id) WHERE notified_at IS NULL`);

    for (const table of TENANT_TABLES) await enableTenantRowSecurity(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')} CASCADE`);
  }
}
