import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/**
 * Fair selections, stored whole: the inputs, the seed and the outcome, so anyone can re-run the
 * draw and get the same panel, and so moving the applicants can happen later, once.
 */
export class Selections1764000006000 implements MigrationInterface {
  name = 'Selections1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE selections (
        organisation_id uuid NOT NULL,
        id uuid NOT NULL,
        intake_id uuid NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        panel_size integer NOT NULL CHECK (panel_size > 0),
        pool_size integer NOT NULL,
        algorithm text NOT NULL CHECK (algorithm IN ('maximin', 'leximin')),
        seed text NOT NULL,
        inputs jsonb NOT NULL,
        quota_table jsonb NOT NULL,
        panel jsonb NOT NULL,
        probabilities jsonb NOT NULL,
        minimum_probability double precision NOT NULL,
        equal_chance double precision NOT NULL,
        lottery jsonb NOT NULL,
        applied_at timestamptz,
        applied_by uuid,
        PRIMARY KEY (organisation_id, id),
        FOREIGN KEY (organisation_id, intake_id) REFERENCES intakes (organisation_id, id)
      )`);
    await q.query(`CREATE INDEX selections_intake_idx ON selections (organisation_id, intake_id, created_at DESC)`);
    await enableTenantRowSecurity(q, 'selections');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON selections TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE selections`);
  }
}
