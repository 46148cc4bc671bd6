import { EntityManager } from 'typeorm';

/** Whether the organisation has taken any application: one that has not is not yet using the service. */
export async function hasApplications(manager: EntityManager, organisationId: string): Promise<boolean> {
  const [row]: Array<{ any: boolean }> = await manager.query(`SELECT EXISTS (SELECT 1 FROM applications WHERE organisation_id = $1) AS any`, [organisationId]);
  return row.any;
}
