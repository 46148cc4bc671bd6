import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a selection was drawn (a lottery of tickets or straight from the exact distribution) and the
 * two smallest chances side by side: the exact distribution's, and the one the draw actually gave.
 * Selections stored before this were all lotteries whose exact minimum sits in `lottery`.
 */
export class SelectionDraw1764000023000 implements MigrationInterface {
  name = 'SelectionDraw1764000023000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE selections
        ADD COLUMN draw text CHECK (draw IN ('lottery', 'exact')),
        ADD COLUMN exact_minimum_probability double precision,
        ADD COLUMN lottery_minimum_probability double precision`);
    await q.query(`
      UPDATE selections SET draw = 'lottery', lottery_minimum_probability = minimum_probability,
             exact_minimum_probability = (lottery->>'unroundedMinimumProbability')::double precision
       WHERE status = 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE selections DROP COLUMN draw, DROP COLUMN exact_minimum_probability, DROP COLUMN lottery_minimum_probability`);
  }
}
