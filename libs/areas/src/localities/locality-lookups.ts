import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/** The organisation's localities by name, trimmed and in lower case (names are unique per organisation whatever their case), for files that name them. */
export async function localityIdsByName(manager: EntityManager, organisationId: string): Promise<Map<string, string>> {
  const rows: Array<{ id: string; name: string }> = await queryNamed(manager, `SELECT id, name FROM localities WHERE organisation_id = :org`, { org: organisationId });
  return new Map(rows.map((r) => [r.name.trim().toLowerCase(), r.id]));
}

/** A scalar subquery for a locality's name; `organisation` and `localityId` are the caller's expressions. */
export function localityNameSql(organisation: string, localityId: string): string {
  return `(SELECT lname.name FROM localities lname WHERE lname.organisation_id = ${organisation} AND lname.id = ${localityId})`;
}

export async function localityName(manager: EntityManager, organisationId: string, localityId: string): Promise<string | null> {
  const [row]: Array<{ name: string }> = await queryNamed(manager, `SELECT name FROM localities WHERE organisation_id = :org AND id = :localityId`, { org: organisationId, localityId });
  return row?.name ?? null;
}
