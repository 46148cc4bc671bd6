import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/** Whether the organisation has taken any application: one that has not is not yet using the service. */
export async function hasApplications(manager: EntityManager, organisationId: string): Promise<boolean> {
  const [row]: Array<{ any: boolean }> = await manager.query(`SELECT EXISTS (SELECT 1 FROM applications WHERE organisation_id = $1) AS any`, [organisationId]);
  return row.any;
}

/** Which of these people have an application to the intake. */
export async function applicantsAmong(manager: EntityManager, organisationId: string, intakeId: string, personIds: string[]): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const rows: Array<{ personId: string }> = await queryNamed(
    manager,
    `SELECT DISTINCT a.person_id AS "personId" FROM applications a WHERE a.organisation_id = :org AND a.intake_id = :intakeId AND a.person_id = ANY(:personIds::uuid[])`,
    { org: organisationId, intakeId, personIds },
  );
  return new Set(rows.map((r) => r.personId));
}
