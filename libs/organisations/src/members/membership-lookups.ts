import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/** Whether the user holds a membership of the organisation, whatever its status (a consent taken by someone who has since left still names a member). */
export async function isMember(manager: EntityManager, organisationId: string, userId: string): Promise<boolean> {
  const found: unknown[] = await queryNamed(manager, `SELECT 1 FROM memberships WHERE organisation_id = :org AND user_id = :userId`, { org: organisationId, userId });
  return found.length > 0;
}
