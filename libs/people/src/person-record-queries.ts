import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/**
 * A complete SELECT of one person's record as other libs' lists show it: `id`, `name`,
 * `preferred_name`, `display_name` (the preferred name, else the name) and `locality_id`.
 * `organisation` and `personId` are the caller's expressions (placeholders or columns of its own
 * statement). A list joins it to its rows as `JOIN LATERAL (…) p ON true`: PostgreSQL pulls the
 * subquery up into an ordinary join, so the plan is the one a join on the table would get.
 */
export function personRecordSql(organisation: string, personId: string): string {
  return `SELECT px.id, px.name, px.preferred_name, coalesce(px.preferred_name, px.name) AS display_name, px.locality_id
    FROM people px WHERE px.organisation_id = ${organisation} AND px.id = ${personId}`;
}

/**
 * A complete SELECT yielding `id`, `name` and `created_at`: the person records linked to a login
 * (normally one; more while duplicates await a merge). Both arguments are the caller's expressions.
 */
export function peopleOfAccountSql(organisation: string, userId: string): string {
  return `SELECT pa.id, pa.name, pa.created_at FROM people pa WHERE pa.organisation_id = ${organisation} AND pa.user_id = ${userId}`;
}

/** The person records linked to a login, oldest first. */
export function peopleOfAccount(manager: EntityManager, organisationId: string, userId: string): Promise<Array<{ id: string; name: string }>> {
  return queryNamed(manager, `SELECT a.id, a.name FROM (${peopleOfAccountSql(':org', ':userId')}) a ORDER BY a.created_at, a.id`, { org: organisationId, userId });
}

/** The person record linked to a login, the oldest while duplicates await a merge; undefined when none is. */
export async function oldestPersonOfAccount(manager: EntityManager, organisationId: string, userId: string): Promise<string | undefined> {
  const [oldest] = await peopleOfAccount(manager, organisationId, userId);
  return oldest?.id;
}

/**
 * Whether the person is a record of this organisation. With `lock`, their row is locked for the
 * rest of the caller's transaction: writes that must not race for one person (placing them,
 * sharing out their mileage threshold) take this lock first.
 */
export async function personExists(manager: EntityManager, organisationId: string, personId: string, options: { lock?: boolean } = {}): Promise<boolean> {
  const rows: unknown[] = await queryNamed(manager, `SELECT 1 FROM people WHERE organisation_id = :organisationId AND id = :personId ${options.lock ? 'FOR UPDATE' : ''}`, {
    organisationId,
    personId,
  });
  return rows.length > 0;
}
