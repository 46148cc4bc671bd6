import { EntityManager } from 'typeorm';
import { Actor } from '@steppingstone/core';
import { ProgressionError, ProgressionErrorCode as Code } from '../progression.error';

/**
 * Who may read a person's progression: coordinators and admins anyone in the organisation; a
 * trainer the people enrolled in a cohort they teach; a participant only themselves. Anyone else
 * is told the person does not exist, so a 404 confirms nothing.
 */
export async function requireReadablePerson(manager: EntityManager, actor: Actor, personId: string): Promise<{ id: string; name: string }> {
  const [row]: Array<{ id: string; name: string; reaches: boolean }> = await manager.query(
    `SELECT p.id, p.name,
            CASE $3::text
              WHEN 'admin' THEN true WHEN 'coordinator' THEN true
              WHEN 'trainer' THEN EXISTS (SELECT 1 FROM enrolments e JOIN cohort_trainers t ON t.organisation_id = e.organisation_id AND t.cohort_id = e.cohort_id
                                           WHERE e.organisation_id = p.organisation_id AND e.person_id = p.id AND t.user_id = $4)
              ELSE p.user_id IS NOT DISTINCT FROM $4::uuid END AS reaches
       FROM people p WHERE p.organisation_id = $1 AND p.id = $2`,
    [actor.organisationId, personId, actor.role, actor.userId],
  );
  if (!row || !row.reaches) throw new ProgressionError(Code.PersonNotFound, 'Person not found');
  return { id: row.id, name: row.name };
}

/** The person records linked to the signed-in user's login (normally one). */
export async function linkedPeople(manager: EntityManager, actor: Actor): Promise<Array<{ id: string; name: string }>> {
  return manager.query(`SELECT id, name FROM people WHERE organisation_id = $1 AND user_id = $2 ORDER BY created_at, id`, [actor.organisationId, actor.userId]);
}
