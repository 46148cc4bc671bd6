import { EntityManager } from 'typeorm';

/** Where an organisation works, for comparing with the census: its borough's code and its chosen default dataset. */
export interface OrganisationCensusSettings {
  boroughCode: string;
  defaultCensusDatasetId: string | null;
}

export async function organisationCensusSettings(manager: EntityManager, organisationId: string): Promise<OrganisationCensusSettings> {
  const [row]: OrganisationCensusSettings[] = await manager.query(`SELECT borough_code AS "boroughCode", default_census_dataset_id AS "defaultCensusDatasetId" FROM organisations WHERE id = $1`, [
    organisationId,
  ]);
  return row;
}

/** A scalar subquery for a user's name; `userId` is the caller's expression (a placeholder or a column of its statement). */
export function userNameSql(userId: string): string {
  return `(SELECT un.name FROM users un WHERE un.id = ${userId})`;
}
