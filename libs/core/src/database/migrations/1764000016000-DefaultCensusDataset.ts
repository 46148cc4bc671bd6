import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The census dataset an organisation compares with when nothing more specific (a programme's own
 * dataset, a dataset named in the request) applies. The key includes the organisation, so only
 * one of its own datasets can be chosen.
 */
export class DefaultCensusDataset1764000016000 implements MigrationInterface {
  name = 'DefaultCensusDataset1764000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations ADD COLUMN default_census_dataset_id uuid`);
    await q.query(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_default_census_dataset_fkey FOREIGN KEY (id, default_census_dataset_id)
         REFERENCES census_datasets (organisation_id, id) ON DELETE SET NULL (default_census_dataset_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP COLUMN default_census_dataset_id`);
  }
}
