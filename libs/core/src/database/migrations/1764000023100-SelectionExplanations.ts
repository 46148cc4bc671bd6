import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why each applicant's chance is what it is: per applicant, the quotas that bind for their kind in
 * every panel the draw could give. Kept beside the selection (and null for those stored before) so
 * the web app can explain a chance without running the selection again.
 */
export class SelectionExplanations1764000023100 implements MigrationInterface {
  name = 'SelectionExplanations1764000023100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE selections ADD COLUMN explanations jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE selections DROP COLUMN explanations`);
  }
}
