import { EntityManager } from 'typeorm';
import { Actor, queryNamed } from '@steppingstone/core';
import { localityExists } from '@steppingstone/areas';
import { oldestPersonOfAccount } from '@steppingstone/people';
import { FieldError, FieldErrorCode } from './field.error';

/** The person linked to the login (the oldest, while duplicates await a merge): never an id from the request. */
export async function myPersonId(manager: EntityManager, actor: Actor): Promise<string> {
  const personId = await oldestPersonOfAccount(manager, actor.organisationId, actor.userId);
  if (!personId) throw new FieldError(FieldErrorCode.NoLinkedPerson, 'No person record is linked to your login, so there is nobody to record this for');
  return personId;
}

/** A locality from a request body must be one of this organisation's (another's answers like a missing one). */
export async function requireLocality(manager: EntityManager, organisationId: string, localityId: string, field: string): Promise<void> {
  if (!(await localityExists(manager, organisationId, localityId))) throw notFound(field, false);
}

/**
 * A placement from a request body must be one of this person's. Placements sit on a layer above
 * field, so field cannot call them: this check still reads their table (and an activity entry's
 * placement is a foreign key into it), until placements can hand field the check.
 */
export async function requireOwnPlacement(manager: EntityManager, organisationId: string, placementId: string, personId: string, field: string): Promise<void> {
  const rows: unknown[] = await queryNamed(manager, `SELECT 1 FROM placements WHERE organisation_id = :organisationId AND id = :placementId AND person_id = :personId`, {
    organisationId,
    placementId,
    personId,
  });
  if (!rows.length) throw notFound(field, true);
}

function notFound(field: string, yours: boolean): FieldError {
  return new FieldError(FieldErrorCode.ReferenceNotFound, `${field} does not name a record of this organisation${yours ? ' that is yours' : ''}`, [
    { field, rule: 'exists', message: `${field} must be a record of this organisation` },
  ]);
}
