import { EntityManager } from 'typeorm';
import { trainerTeachesPersonSql } from '@steppingstone/cohorts';
import { Actor, queryNamed } from '@steppingstone/core';
import { peopleOfAccount, personIdentitySql } from '@steppingstone/people';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';

/**
 * Who may read a person's progression: coordinators and admins anyone in the organisation; a
 * trainer the people enrolled in a cohort they teach; a participant only themselves. Anyone else
 * is told the person does not exist, so a 404 confirms nothing.
 */
export async function requireReadablePerson(manager: EntityManager, actor: Actor, personId: string): Promise<{ id: string; name: string }> {
  const [row]: Array<{ id: string; name: string; reaches: boolean }> = await queryNamed(
    manager,
    `SELECT p.id, p.name,
            CASE :role::text
              WHEN 'admin' THEN true WHEN 'coordinator' THEN true
              WHEN 'trainer' THEN ${trainerTeachesPersonSql(':org', 'p.id', ':userId')}
              ELSE p.user_id IS NOT DISTINCT FROM :userId::uuid END AS reaches
       FROM (${personIdentitySql(':org', ':personId')}) p`,
    { org: actor.organisationId, personId, role: actor.role, userId: actor.userId },
  );
  if (!row || !row.reaches) throw new ProgressionError(Code.PersonNotFound, 'Person not found');
  return { id: row.id, name: row.name };
}

/** The person records linked to the signed-in user's login (normally one). */
export function linkedPeople(manager: EntityManager, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  return peopleOfAccount(manager, actor.organisationId, actor.userId);
}
