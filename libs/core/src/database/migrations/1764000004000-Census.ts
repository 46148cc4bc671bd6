import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../config/config.schema';
import { enableTenantRowSecurity } from '../row-security';

/**
 * Census reference figures an organisation imports for its borough, its small areas and its
 * localities, as versioned datasets; a programme names the dataset it compares against.
 */
export class Census1764000004000 implements MigrationInterface {
  name = 'Census1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE census_datasets (
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        version integer NOT NULL CHECK (version > 0),
        description text NOT NULL DEFAULT '',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX census_datasets_version_key ON census_datasets (organisation_id, lower(name), version)`);

    await q.query(`
      CREATE TABLE census_counts (
        organisation_id uuid NOT NULL,
        dataset_id uuid NOT NULL,
        area_code text NOT NULL,
        area_name text NOT NULL,
        parent_code text,
        dimension text NOT NULL,
        category text NOT NULL,
        count integer NOT NULL CHECK (count >= 0),
        PRIMARY KEY (organisation_id, dataset_id, dimension, area_code, category),
        FOREIGN KEY (organisation_id, dataset_id) REFERENCES census_datasets (organisation_id, id) ON DELETE CASCADE
      )`);

    await q.query(`ALTER TABLE programmes ADD COLUMN census_dataset_id uuid`);
    await q.query(`ALTER TABLE programmes ADD FOREIGN KEY (organisation_id, census_dataset_id) REFERENCES census_datasets (organisation_id, id)`);

    for (const table of ['census_datasets', 'census_counts']) await enableTenantRowSecurity(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON census_datasets, census_counts TO ${APP_DATABASE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programmes DROP COLUMN census_dataset_id`);
    await q.query(`DROP TABLE census_counts, census_datasets`);
  }
}
