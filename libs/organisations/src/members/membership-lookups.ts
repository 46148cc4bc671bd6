import { EntityManager } from 'typeorm';

/** Whether the user holds a membership of the organisation, whatever its status (a consent taken by someone who has since left still names a member). */
export async function isMember(manager: EntityManager, organisationId: string, userId: string): Promise<boolean> {
  const found: unknown[] = await manager.query(`SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2`, [organisationId, userId]);
  return found.length > 0;
}
