import { EntityManager } from 'typeorm';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';

/**
 * An id from a request body that must name a row of this organisation's table; a row of another
 * organisation answers like a missing one, naming the field.
 */
export async function requireRow(
  manager: EntityManager,
  organisationId: string,
  table: 'people' | 'localities' | 'host_organisations' | 'placement_opportunities',
  id: string,
  field: string,
  lock = false,
): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM ${table} WHERE organisation_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [organisationId, id]);
  if (!rows.length)
    throw new PlacementsError(Code.ReferenceNotFound, `${field} does not name a record of this organisation`, [{ field, rule: 'exists', message: `${field} must be a record of this organisation` }]);
}
