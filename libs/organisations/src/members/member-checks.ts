import { EntityManager } from 'typeorm';
import { queryNamed, Role } from '@steppingstone/core';

/** Of the given users, those whose membership of the organisation is active and has the role. */
export async function activeMembersWithRole(manager: EntityManager, organisationId: string, userIds: string[], role: Role): Promise<string[]> {
  const rows: Array<{ user_id: string }> = await queryNamed(
    manager,
    `SELECT user_id FROM memberships WHERE organisation_id = :organisationId AND user_id = ANY(:userIds::uuid[]) AND role = :role AND status = 'active'`,
    { organisationId, userIds, role },
  );
  return rows.map((r) => r.user_id);
}

/** Whether the user has a membership of the organisation, in whatever state. */
export async function hasMembership(manager: EntityManager, organisationId: string, userId: string): Promise<boolean> {
  const rows: unknown[] = await queryNamed(manager, `SELECT 1 FROM memberships WHERE organisation_id = :organisationId AND user_id = :userId`, { organisationId, userId });
  return rows.length > 0;
}
