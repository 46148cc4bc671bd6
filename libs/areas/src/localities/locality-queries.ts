import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/**
 * Every read of the localities table that other libs make, in one place: the statements and
 * fragments they call, each over the organisation's own rows.
 */

/**
 * A complete SELECT of one locality as other libs' lists show it: `id` and `name`. `organisation`
 * and `localityId` are the caller's expressions. A list joins it as `LEFT JOIN LATERAL (…) l ON true`
 * (a row with no locality keeps a null name); PostgreSQL pulls it up into an ordinary join.
 */
export function localityRecordSql(organisation: string, localityId: string): string {
  return `SELECT lx.id, lx.name FROM localities lx WHERE lx.organisation_id = ${organisation} AND lx.id = ${localityId}`;
}

/** A scalar subquery for a locality's name; `organisation` and `localityId` are the caller's expressions. */
export function localityNameSql(organisation: string, localityId: string): string {
  return `(SELECT lname.name FROM localities lname WHERE lname.organisation_id = ${organisation} AND lname.id = ${localityId})`;
}

/** A locality's name; null when the organisation has none with that id. */
export async function localityName(manager: EntityManager, organisationId: string, localityId: string): Promise<string | null> {
  const [row]: Array<{ name: string | null }> = await queryNamed(manager, `SELECT ${localityNameSql(':org', ':localityId')} AS name`, { org: organisationId, localityId });
  return row?.name ?? null;
}

/** Whether the id names one of this organisation's localities (another organisation's answers like a missing one). */
export async function localityExists(manager: EntityManager, organisationId: string, localityId: string): Promise<boolean> {
  return (await localityName(manager, organisationId, localityId)) !== null;
}

/** A locality with the ONS small areas it covers. */
export interface LocalityCodes {
  id: string;
  name: string;
  onsCodes: string[];
}

/** The organisation's localities with their small areas, by name. */
export function localitiesWithCodes(manager: EntityManager, organisationId: string): Promise<LocalityCodes[]> {
  return queryNamed(manager, `SELECT id, name, ons_codes AS "onsCodes" FROM localities WHERE organisation_id = :org ORDER BY name`, { org: organisationId });
}

/** Each of the organisation's localities' id and name. */
function localityIdsAndNames(manager: EntityManager, organisationId: string): Promise<Array<{ id: string; name: string }>> {
  return queryNamed(manager, `SELECT id::text, name FROM localities WHERE organisation_id = :org`, { org: organisationId });
}

/** The organisation's locality names by id. */
export async function localityNames(manager: EntityManager, organisationId: string): Promise<Map<string, string>> {
  return new Map((await localityIdsAndNames(manager, organisationId)).map((l) => [l.id, l.name]));
}

/** The organisation's localities by name, trimmed and in lower case (names are unique per organisation whatever their case), for files that name them. */
export async function localityIdsByName(manager: EntityManager, organisationId: string): Promise<Map<string, string>> {
  return new Map((await localityIdsAndNames(manager, organisationId)).map((l) => [l.name.trim().toLowerCase(), l.id]));
}
