import { EntityManager } from 'typeorm';

/**
 * What erasure and anonymisation both remove from the people lib's own tables: the special-category
 * profile and any finished export of their record (the delivery log forgets the person's address
 * through the notifications lib's handler). Erasure then deletes the person's rows; anonymisation
 * keeps them (the counts depend on them) and clears what identifies the person instead.
 */
export async function removeSpecialCategoryData(manager: EntityManager, organisationId: string, personId: string): Promise<boolean> {
  const [, profiles] = await manager.query(`DELETE FROM demographic_profiles WHERE organisation_id = $1 AND person_id = $2`, [organisationId, personId]);
  return Number(profiles) > 0;
}

/** A finished subject-access export is a full copy of the person's record; it goes with the record. */
export async function forgetExports(manager: EntityManager, organisationId: string, personId: string): Promise<void> {
  await manager.query(`UPDATE data_rights_requests SET result = NULL WHERE organisation_id = $1 AND person_id = $2 AND result IS NOT NULL`, [organisationId, personId]);
}
