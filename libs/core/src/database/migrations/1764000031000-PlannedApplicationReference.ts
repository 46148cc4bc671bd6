import { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_REFERENCE_FUNCTION, REFERENCE_ALPHABET as ALPHABET, REFERENCE_BYTES } from './1764000018000-FrontDoor';

/**
 * `application_reference()`, every application's column default, was a SQL-language function that
 * PostgreSQL cannot inline (it aggregates), so it parsed and planned its query at every insert: a
 * twentieth of the database's time under a busy public form. The same draw as plpgsql expressions,
 * which need no plan at all.
 */
export class PlannedApplicationReference1764000031000 implements MigrationInterface {
  name = 'PlannedApplicationReference1764000031000';

  async up(q: QueryRunner): Promise<void> {
    const characters = REFERENCE_BYTES.map((i) => `substr('${ALPHABET}', 1 + get_byte(b, ${i}) % ${ALPHABET.length}, 1)`).join(' || ');
    await q.query(`
      CREATE OR REPLACE FUNCTION application_reference() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        b bytea := uuid_send(gen_random_uuid());
      BEGIN
        RETURN ${characters};
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(APPLICATION_REFERENCE_FUNCTION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
  }
}
