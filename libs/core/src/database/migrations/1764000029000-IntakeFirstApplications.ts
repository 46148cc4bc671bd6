import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An intake's applications in person order, each person's earliest first, carrying the partner and
 * the stage. Counting an intake's pool by partner keeps each person's first application
 * (`DISTINCT ON (person_id) … ORDER BY person_id, applied_at, id`); with this index that is an
 * index-only scan with no sort, about an eighth of the statement at 100,000 applicants. The stage is
 * included so a population limited to stages (the selected cohort) is read from the index too.
 */
export class IntakeFirstApplications1764000029000 implements MigrationInterface {
  name = 'IntakeFirstApplications1764000029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX applications_intake_person_idx ON applications (organisation_id, intake_id, person_id, applied_at, id) INCLUDE (partner_id, stage)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_intake_person_idx`);
  }
}
