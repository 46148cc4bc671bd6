import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';

/**
 * Whether the placement is one of this person's, in this organisation. Field asks it when an
 * activity entry names a placement: field sits below placements, so its caller hands it this check.
 */
export async function isPlacementOf(manager: EntityManager, organisationId: string, placementId: string, personId: string): Promise<boolean> {
  const rows: unknown[] = await queryNamed(manager, `SELECT 1 FROM placements WHERE organisation_id = :organisationId AND id = :placementId AND person_id = :personId`, {
    organisationId,
    placementId,
    personId,
  });
  return rows.length > 0;
}
