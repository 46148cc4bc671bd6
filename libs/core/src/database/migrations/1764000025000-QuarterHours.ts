import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['placement_opportunities', 'placements', 'paid_roles', 'jobs'];

/** Weekly hours in quarter hours: 37.25 and 22.75 are contracts people really hold. */
export class QuarterHours1764000025000 implements MigrationInterface {
  name = 'QuarterHours1764000025000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN hours_per_week TYPE numeric(5,2)`);
      await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_hours_in_quarters CHECK (hours_per_week * 4 = trunc(hours_per_week * 4))`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_hours_in_quarters`);
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN hours_per_week TYPE numeric(4,1) USING round(hours_per_week, 1)`);
    }
  }
}
