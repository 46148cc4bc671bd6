import { UUID_PATTERN } from '@steppingstone/core';
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
  SELECT o.name AS organisation_name, coalesce(pe.preferred_name, pe.name) AS person_name, h.name AS host_name, p.role_title,
         p.supervisor_name, CASE WHEN p.supervisor_contact ~ ${EMAIL_LIKE} THEN p.supervisor_contact END AS supervisor_email,
         p.id AS placement_id, p.person_id, p.review_weeks, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(coalesce(p.ended_on, p.planned_end_on), 'YYYY-MM-DD') AS last_day,
         to_char(nx.next_on, 'YYYY-MM-DD') AS next_supervision_on,
         to_char((SELECT organisation_today($1, $2::timestamptz)), 'YYYY-MM-DD') AS today
    FROM placements p
    JOIN organisations o ON o.id = p.organisation_id
    JOIN people pe ON pe.organisation_id = p.organisation_id AND pe.id = p.person_id
    JOIN host_organisations h ON h.organisation_id = p.organisation_id AND h.id = p.host_id
    CROSS JOIN LATERAL (
      SELECT greatest(p.starts_on, coalesce(max(s.held_on), p.starts_on)) + p.supervision_interval_days AS next_on
        FROM supervision_records s WHERE s.organisation_id = p.organisation_id AND s.placement_id = p.id) nx
   WHERE p.organisation_id = $1 AND p.status = 'active'`;

/** The supervisor as an addressee: named on the placement, written to only at an email address. */
export function supervisorAddressee(facts: Pick<PlacementFacts, 'supervisor_name' | 'supervisor_email'>): Addressee {
  return { name: facts.supervisor_name, email: facts.supervisor_email, wantsEmail: true };
}

export async function placementFacts(manager: EntityManager, organisationId: string, at: Date, placementId: string): Promise<(PlacementFacts & { review_weeks: number[]; last_day: string; person_id: string }) | undefined> {
  if (!UUID_PATTERN.test(placementId)) return undefined;
  const [row] = await manager.query(`${PLACEMENT_FACTS} AND p.id = $3::uuid`, [organisationId, at.toISOString(), placementId]);
  return row;
}
