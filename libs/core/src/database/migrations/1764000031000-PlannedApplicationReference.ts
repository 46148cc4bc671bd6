import { MigrationInterface, QueryRunner } from 'typeorm';
import { REFERENCE_ALPHABET as ALPHABET } from './1764000018000-FrontDoor';

/** gen_random_uuid's bytes, skipping the two that carry its version and variant bits (FrontDoor). */
const BYTES = [0, 1, 2, 3, 4, 5, 9, 10];

/**
 * `application_reference()`, every application's column default, was a SQL-language function that
 * PostgreSQL cannot inline (it aggregates), so it parsed and planned its query at every insert: a
 * twentieth of the database's time under a busy public form. The same draw as plpgsql expressions,
 * which need no plan at all.
 */
export class PlannedApplicationReference1764000031000 implements MigrationInterface {
  name = 'PlannedApplicationReference1764000031000';

  async up(q: QueryRunner): Promise<void> {
    const characters = BYTES.map((i) => `substr('${ALPHABET}', 1 + get_byte(b, ${i}) % ${ALPHABET.length}, 1)`).join(' || ');
    await q.query(`
      CREATE OR REPLACE FUNCTION application_reference() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        b bytea := uuid_send(gen_random_uuid());
      BEGIN
        RETURN ${characters};
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION application_reference() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT string_agg(substr('${ALPHABET}', 1 + get_byte(b, i) % ${ALPHABET.length}, 1), '' ORDER BY i)
          FROM (SELECT uuid_send(gen_random_uuid()) AS b) r, unnest(ARRAY[${BYTES.join(', ')}]) i
      $$`);
  }
}
