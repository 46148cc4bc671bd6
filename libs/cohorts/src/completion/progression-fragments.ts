/*
 * Statements over enrolments and cohorts for the progression lib's timeline, funnels and access
 * check to fold into their own SQL. Every argument is the caller's expression (a placeholder such
 * as `:org` or `$1`, or a column of its own statement), so the caller names neither these tables
 * nor their aliases.
 */

/** A boolean SQL expression: whether the user trains a cohort the person is enrolled in. */
export function trainerTeachesPersonSql(organisation: string, personId: string, userId: string): string {
  return `EXISTS (SELECT 1 FROM enrolments tpe JOIN cohort_trainers tpt ON tpt.organisation_id = tpe.organisation_id AND tpt.cohort_id = tpe.cohort_id
                   WHERE tpe.organisation_id = ${organisation} AND tpe.person_id = ${personId} AND tpt.user_id = ${userId})`;
}

/** A complete SELECT of one person's enrolments: `id`, `enrolled_at`, `completed_at`, `status`, `cohort_id` and `cohort_name`. */
export function personEnrolmentsSql(organisation: string, personId: string): string {
  return `SELECT pe.id, pe.enrolled_at, pe.completed_at, pe.status, pc.id AS cohort_id, pc.name AS cohort_name
            FROM enrolments pe JOIN cohorts pc ON pc.organisation_id = pe.organisation_id AND pc.id = pe.cohort_id
           WHERE pe.organisation_id = ${organisation} AND pe.person_id = ${personId}`;
}

/** Which cohorts count: those of a programme, of an intake, or one cohort; each given as the caller's expression. */
export interface CohortScope {
  programmeId?: string;
  intakeId?: string;
  cohortId?: string;
}

/**
 * A complete SELECT yielding `person_id` for each completed enrolment (a person may appear more
 * than once), in the cohorts `scope` names. Without a scope no cohort is read.
 */
export function completedEnrolmentsSql(organisation: string, scope: CohortScope = {}): string {
  const conditions = [
    ...(scope.programmeId ? [`ce_c.programme_id = ${scope.programmeId}`] : []),
    ...(scope.intakeId ? [`ce_c.intake_id = ${scope.intakeId}`] : []),
    ...(scope.cohortId ? [`ce_c.id = ${scope.cohortId}`] : []),
  ];
  return conditions.length
    ? `SELECT ce.person_id FROM enrolments ce JOIN cohorts ce_c ON ce_c.organisation_id = ce.organisation_id AND ce_c.id = ce.cohort_id
        WHERE ce.organisation_id = ${organisation} AND ce.status = 'completed'${conditions.map((c) => ` AND ${c}`).join('')}`
    : `SELECT ce.person_id FROM enrolments ce WHERE ce.organisation_id = ${organisation} AND ce.status = 'completed'`;
}

/** A complete SELECT yielding `person_id` for each enrolment in the cohort, whatever its status. */
export function cohortEnrolledSql(organisation: string, cohortId: string): string {
  return `SELECT cen.person_id FROM enrolments cen WHERE cen.organisation_id = ${organisation} AND cen.cohort_id = ${cohortId}`;
}
