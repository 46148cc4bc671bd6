import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The row-security functions only read a setting, which PostgreSQL copies into every parallel
 * worker, so they are parallel safe. Declared unsafe (the default), they kept every statement on a
 * tenant table in one process: the partner gap analysis counts its two slices of people side by
 * side only once these are safe.
 */
export class ParallelSafeRowSecurity1764000030000 implements MigrationInterface {
  name = 'ParallelSafeRowSecurity1764000030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION current_organisation_id() PARALLEL SAFE`);
    await q.query(`ALTER FUNCTION current_app_user_id() PARALLEL SAFE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION current_organisation_id() PARALLEL UNSAFE`);
    await q.query(`ALTER FUNCTION current_app_user_id() PARALLEL UNSAFE`);
  }
}
