import { EntityManager } from 'typeorm';

/**
 * A complete SELECT of the open intakes closing within `noticeDays` (until the day before they
 * close) whose programme has chosen a census dataset: `intake_id`, `intake_name`, `programme_name`,
 * `dataset_id`, `closes_on`, `due_on` (the notice's first day) and `today` (the organisation's) as
 * `YYYY-MM-DD`, and `days_left`. `organisation` and `at` (a timestamptz) are the caller's placeholders.
 */
export function intakesClosingSql({ organisation, at }: { organisation: string; at: string }, noticeDays: number): string {
  const today = `(SELECT organisation_today(${organisation}, ${at}::timestamptz))`;
  return `
  SELECT i.id AS intake_id, i.name AS intake_name, pr.name AS programme_name, pr.census_dataset_id AS dataset_id,
         to_char(i.closes_on, 'YYYY-MM-DD') AS closes_on, to_char(i.closes_on - ${noticeDays}, 'YYYY-MM-DD') AS due_on,
         (i.closes_on - ${today}) AS days_left,
         to_char(${today}, 'YYYY-MM-DD') AS today
    FROM intakes i
    JOIN programmes pr ON pr.organisation_id = i.organisation_id AND pr.id = i.programme_id
   WHERE i.organisation_id = ${organisation} AND i.status = 'open' AND pr.census_dataset_id IS NOT NULL
     AND ${today} BETWEEN i.closes_on - ${noticeDays} AND i.closes_on - 1`;
}

/**
 * A complete SELECT yielding `person_id`, once each: the intake's applicants whose application is
 * at `stage`. `organisation`, `intakeId` and `stage` are the caller's expressions.
 */
export function intakeStageApplicantsSql(organisation: string, intakeId: string, stage: string): string {
  return `SELECT DISTINCT a.person_id FROM applications a WHERE a.organisation_id = ${organisation} AND a.intake_id = ${intakeId} AND a.stage = ${stage}`;
}

/** Whether the id names one of the organisation's intakes. */
export async function intakeExists(manager: EntityManager, organisationId: string, intakeId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM intakes WHERE organisation_id = $1 AND id = $2`, [organisationId, intakeId]);
  return rows.length > 0;
}
