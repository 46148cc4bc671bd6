import { EntityManager } from 'typeorm';
import { localityExists } from '@steppingstone/areas';
import { queryNamed } from '@steppingstone/core';
import { personExists } from '@steppingstone/people';
import { PlacementsError, PlacementsErrorCode as Code } from '../placements.error';

/** Placements' own tables a request may name by id. */
const OWN_TABLES = { hosts: 'host_organisations', opportunities: 'placement_opportunities' } as const;

/**
 * An id from a request body that must name a record of this organisation; a record of another
 * organisation answers like a missing one, naming the field. People and localities are asked of
 * their owners; `lock` (people only) locks the person's row for the transaction.
 */
export async function requireRow(manager: EntityManager, organisationId: string, kind: 'person' | 'locality' | keyof typeof OWN_TABLES, id: string, field: string, lock = false): Promise<void> {
  const found =
    kind === 'person'
      ? await personExists(manager, organisationId, id, { lock })
      : kind === 'locality'
        ? await localityExists(manager, organisationId, id)
        : ((await queryNamed(manager, `SELECT 1 FROM ${OWN_TABLES[kind]} WHERE organisation_id = :organisationId AND id = :id`, { organisationId, id })) as unknown[]).length > 0;
  if (!found)
    throw new PlacementsError(Code.ReferenceNotFound, `${field} does not name a record of this organisation`, [{ field, rule: 'exists', message: `${field} must be a record of this organisation` }]);
}
