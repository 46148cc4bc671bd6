import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

const TENANT_TABLES = ['host_organisations', 'placement_opportunities', 'placements', 'supervision_records', 'placement_reviews', 'paid_roles', 'jobs', 'sustainment_checks'];

const PLACEMENT_STATUSES = `'proposed', 'active', 'paused', 'ended-early', 'completed'`;

/**
 * Host organisations and their placement opportunities, placements with supervision and reviews;
 * paid roles inside the programme and jobs (a post-holder of a paid role is a job with the role
 * set, so the funnel and sustainment treat both alike), with the 13- and 26-week sustainment checks.
 */
export class Placements1764000007000 implements MigrationInterface {
  name = 'Placements1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE host_organisations (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        contact_name text,
        contact_email text,
        contact_phone text,
        address text,
        locality_id uuid,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, locality_id) REFERENCES localities (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX host_organisations_name_key ON host_organisations (organisation_id, lower(name))`);

    await q.query(`
      CREATE TABLE placement_opportunities (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        host_id uuid NOT NULL,
        role_title text NOT NULL CHECK (length(role_title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
        places integer NOT NULL CHECK (places BETWEEN 1 AND 1000),
        requirements text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, host_id) REFERENCES host_organisations (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX placement_opportunities_host_idx ON placement_opportunities (organisation_id, host_id)`);

    // activated_at is set the first time a placement goes active: "started a placement" in the funnel.
    await q.query(`
      CREATE TABLE placements (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        host_id uuid NOT NULL,
        opportunity_id uuid,
        role_title text NOT NULL CHECK (length(role_title) BETWEEN 1 AND 200),
        supervisor_name text NOT NULL CHECK (length(supervisor_name) BETWEEN 1 AND 200),
        supervisor_contact text,
        hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
        starts_on date NOT NULL,
        planned_end_on date NOT NULL,
        ended_on date,
        status text NOT NULL CHECK (status IN (${PLACEMENT_STATUSES})),
        end_reason text,
        part_time_compatible boolean NOT NULL DEFAULT false,
        risk_assessed_on date,
        supervision_interval_days integer NOT NULL DEFAULT 14 CHECK (supervision_interval_days BETWEEN 1 AND 366),
        review_weeks integer[] NOT NULL DEFAULT '{6,12}',
        activated_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id),
        FOREIGN KEY (organisation_id, host_id) REFERENCES host_organisations (organisation_id, id),
        FOREIGN KEY (organisation_id, opportunity_id) REFERENCES placement_opportunities (organisation_id, id),
        CHECK (planned_end_on >= starts_on),
        CHECK (ended_on IS NULL OR ended_on >= starts_on),
        CHECK (status <> 'ended-early' OR end_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX placements_person_idx ON placements (organisation_id, person_id, starts_on)`);
    await q.query(`CREATE INDEX placements_started_idx ON placements (organisation_id, person_id) WHERE activated_at IS NOT NULL`);
    await q.query(`CREATE INDEX placements_host_idx ON placements (organisation_id, host_id)`);
    await q.query(`CREATE INDEX placements_opportunity_idx ON placements (organisation_id, opportunity_id) WHERE opportunity_id IS NOT NULL`);

    // notes are for coordinators and admins only; the participant sees the date, actions and flag.
    await q.query(`
      CREATE TABLE supervision_records (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        held_on date NOT NULL,
        supervisor_name text NOT NULL CHECK (length(supervisor_name) BETWEEN 1 AND 200),
        notes text,
        actions text,
        wellbeing_concern boolean NOT NULL DEFAULT false,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, placement_id) REFERENCES placements (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX supervision_records_placement_idx ON supervision_records (organisation_id, placement_id, held_on DESC)`);

    await q.query(`
      CREATE TABLE placement_reviews (
        organisation_id uuid NOT NULL,
        placement_id uuid NOT NULL,
        week integer NOT NULL CHECK (week BETWEEN 1 AND 520),
        held_on date NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('continue', 'change-needed', 'end')),
        summary text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, placement_id, week),
        FOREIGN KEY (organisation_id, placement_id) REFERENCES placements (organisation_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE paid_roles (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
        fixed_term_months integer CHECK (fixed_term_months BETWEEN 1 AND 120),
        posts_per_locality integer NOT NULL CHECK (posts_per_locality BETWEEN 1 AND 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX paid_roles_title_key ON paid_roles (organisation_id, lower(title))`);

    // A post-holder of a paid role is a job with paid_role_id and locality_id set.
    await q.query(`
      CREATE TABLE jobs (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        person_id uuid NOT NULL,
        paid_role_id uuid,
        locality_id uuid,
        employer text NOT NULL CHECK (length(employer) BETWEEN 1 AND 200),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        sector text,
        hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 80),
        contract_type text NOT NULL CHECK (contract_type IN ('permanent', 'fixed-term', 'temporary', 'zero-hours', 'apprenticeship', 'self-employed')),
        starts_on date NOT NULL,
        contract_ends_on date,
        ended_on date,
        end_reason text,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, person_id) REFERENCES people (organisation_id, id),
        FOREIGN KEY (organisation_id, paid_role_id) REFERENCES paid_roles (organisation_id, id),
        FOREIGN KEY (organisation_id, locality_id) REFERENCES localities (organisation_id, id),
        CHECK (contract_ends_on IS NULL OR contract_ends_on >= starts_on),
        CHECK (ended_on IS NULL OR ended_on >= starts_on),
        CHECK (paid_role_id IS NULL OR locality_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX jobs_person_idx ON jobs (organisation_id, person_id, starts_on)`);
    await q.query(`CREATE INDEX jobs_paid_role_idx ON jobs (organisation_id, paid_role_id, locality_id) WHERE paid_role_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE sustainment_checks (
        organisation_id uuid NOT NULL,
        job_id uuid NOT NULL,
        week integer NOT NULL CHECK (week IN (13, 26)),
        result text NOT NULL CHECK (result IN ('sustained', 'not-sustained', 'unknown')),
        checked_on date NOT NULL,
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, job_id, week),
        FOREIGN KEY (organisation_id, job_id) REFERENCES jobs (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sustainment_checks_sustained_idx ON sustainment_checks (organisation_id, job_id) WHERE week = 26 AND result = 'sustained'`);

    for (const table of TENANT_TABLES) await enableTenantRowSecurity(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')} CASCADE`);
  }
}
