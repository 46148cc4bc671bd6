import { UUID_PATTERN } from '@steppingstone/core';
import { organisationNameSql } from '@steppingstone/organisations';
import { livePlacementsSql } from '@steppingstone/placements';
import { EntityManager } from 'typeorm';
import { Addressee, EMAIL_LIKE } from './recipients';

export interface PlacementFacts {
  organisation_name: string;
  person_name: string;
  host_name: string;
  role_title: string;
  supervisor_name: string;
  supervisor_email: string | null;
  starts_on: string;
  next_supervision_on: string | null;
  today: string;
}

/**
 * A live placement with the date its next supervision falls due (one interval after the last
 * session, or after the start), no later than the placement's last day. `$1` organisation, `$2` now.
 */
export const PLACEMENT_FACTS = `
  SELECT ${organisationNameSql('$1')} AS organisation_name, f.*, CASE WHEN f.supervisor_contact ~ ${EMAIL_LIKE} THEN f.supervisor_contact END AS supervisor_email
    FROM (${livePlacementsSql({ organisation: '$1', at: '$2' })}) f`;

/** The supervisor as an addressee: named on the placement, written to only at an email address. */
export function supervisorAddressee(facts: Pick<PlacementFacts, 'supervisor_name' | 'supervisor_email'>): Addressee {
  return { name: facts.supervisor_name, email: facts.supervisor_email, wantsEmail: true };
}

export async function placementFacts(
  manager: EntityManager,
  organisationId: string,
  at: Date,
  placementId: string,
): Promise<(PlacementFacts & { review_weeks: number[]; last_day: string; person_id: string }) | undefined> {
  if (!UUID_PATTERN.test(placementId)) return undefined;
  const [row] = await manager.query(`${PLACEMENT_FACTS} WHERE f.placement_id = $3::uuid`, [organisationId, at.toISOString(), placementId]);
  return row;
}
