import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/**
 * A complete SELECT of one locality as other libs' lists show it: `id` and `name`. `organisation`
 * and `localityId` are the caller's expressions. A list joins it as `LEFT JOIN LATERAL (…) l ON true`
 * (a row with no locality keeps a null name); PostgreSQL pulls it up into an ordinary join.
 */
export function localityRecordSql(organisation: string, localityId: string): string {
  return `SELECT lx.id, lx.name FROM localities lx WHERE lx.organisation_id = ${organisation} AND lx.id = ${localityId}`;
}

/** Whether the id names one of this organisation's localities (another organisation's answers like a missing one). */
export async function localityExists(manager: EntityManager, organisationId: string, localityId: string): Promise<boolean> {
  const rows: unknown[] = await queryNamed(manager, `SELECT 1 FROM localities WHERE organisation_id = :organisationId AND id = :localityId`, { organisationId, localityId });
  return rows.length > 0;
}
