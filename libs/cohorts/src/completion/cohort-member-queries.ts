import { EntityManager } from 'typeorm';

/**
 * A complete SELECT yielding `person_id`: the people enrolled in the cohort now. `organisation`
 * and `cohortId` are the caller's expressions (such as `$1`, `$3`).
 */
export function cohortMembersSql(organisation: string, cohortId: string): string {
  return `SELECT e.person_id FROM enrolments e WHERE e.organisation_id = ${organisation} AND e.cohort_id = ${cohortId} AND e.status = 'enrolled'`;
}

/** Whether the id names one of the organisation's cohorts. */
export async function cohortExists(manager: EntityManager, organisationId: string, cohortId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM cohorts WHERE organisation_id = $1 AND id = $2`, [organisationId, cohortId]);
  return rows.length > 0;
}
