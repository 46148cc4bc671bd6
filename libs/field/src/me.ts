import { EntityManager } from 'typeorm';
import { Actor } from '@steppingstone/core';
import { FieldError, FieldErrorCode } from './field.error';

/** The person linked to the login (the oldest, while duplicates await a merge): never an id from the request. */
export async function myPersonId(manager: EntityManager, actor: Actor): Promise<string> {
  const [person]: Array<{ id: string }> = await manager.query(`SELECT id FROM people WHERE organisation_id = $1 AND user_id = $2 ORDER BY created_at, id LIMIT 1`, [
    actor.organisationId,
    actor.userId,
  ]);
  if (!person) throw new FieldError(FieldErrorCode.NoLinkedPerson, 'No person record is linked to your login, so there is nobody to record this for');
  return person.id;
}

/** A reference from a request body that must be a record of this organisation (another's answers like a missing one). */
export async function requireOwn(manager: EntityManager, organisationId: string, table: 'placements' | 'localities', id: string, field: string, extra = '', params: unknown[] = []): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM ${table} WHERE organisation_id = $1 AND id = $2 ${extra}`, [organisationId, id, ...params]);
  if (!rows.length)
    throw new FieldError(FieldErrorCode.ReferenceNotFound, `${field} does not name a record of this organisation${extra ? ' that is yours' : ''}`, [
      { field, rule: 'exists', message: `${field} must be a record of this organisation` },
    ]);
}
