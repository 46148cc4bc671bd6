import { EntityManager } from 'typeorm';
import { Actor } from '@steppingstone/core';
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
 * Whether the placement is one of the person's. Placements own that table and sit on a layer above
 * field, so field cannot call them: whoever calls field (the api) hands it placements' check.
 */
export type PlacementOfPerson = (manager: EntityManager, organisationId: string, placementId: string, personId: string) => Promise<boolean>;

/** A placement from a request body must be one of this person's. */
export async function requireOwnPlacement(manager: EntityManager, isPlacementOf: PlacementOfPerson, organisationId: string, placementId: string, personId: string, field: string): Promise<void> {
  if (!(await isPlacementOf(manager, organisationId, placementId, personId))) throw notFound(field, true);
}

function notFound(field: string, yours: boolean): FieldError {
  return new FieldError(FieldErrorCode.ReferenceNotFound, `${field} does not name a record of this organisation${yours ? ' that is yours' : ''}`, [
    { field, rule: 'exists', message: `${field} must be a record of this organisation` },
  ]);
}
