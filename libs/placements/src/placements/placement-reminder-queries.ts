import { checkExpiryNoticeDaysSql } from '@steppingstone/field';
import { personDisplayNameSql } from '@steppingstone/people';
import { EntityManager } from 'typeorm';

/** Where the caller's statement holds the organisation and the moment "now" is taken to be, as placeholders such as `$1`. */
export interface PlacementSweepPlaceholders {
  organisation: string;
  /** A timestamptz; "today" is the organisation's local date at it. */
  at: string;
}

/**
 * A complete SELECT of the checks that expire within the organisation's notice days and have not
 * been renewed (no later check of the same kind and title): `id`, `person_id`, `kind`, `title`,
 * `person_name`, and `expires_on` and `due_on` (the notice's first day) as `YYYY-MM-DD`.
 */
export function expiringChecksSql({ organisation, at }: PlacementSweepPlaceholders): string {
  return `
  SELECT c.id, c.person_id, c.kind, c.title, to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on, ${personDisplayNameSql('c.organisation_id', 'c.person_id')} AS person_name,
         to_char(c.expires_on - n.days, 'YYYY-MM-DD') AS due_on
    FROM safety_checks c
    CROSS JOIN LATERAL (SELECT ${checkExpiryNoticeDaysSql('c.organisation_id')} AS days) n
   WHERE c.organisation_id = ${organisation} AND c.expires_on IS NOT NULL
     AND (SELECT organisation_today(${organisation}, ${at}::timestamptz)) BETWEEN c.expires_on - n.days AND c.expires_on
     AND NOT EXISTS (SELECT 1 FROM safety_checks r WHERE r.organisation_id = c.organisation_id AND r.person_id = c.person_id AND r.kind = c.kind
                       AND coalesce(r.title, '') = coalesce(c.title, '') AND r.checked_on > c.checked_on)`;
}

/**
 * A complete SELECT of the live placements, each with the date its next supervision falls due (one
 * interval after the last session, or after the start): `placement_id`, `person_id`, `person_name`,
 * `host_name`, `role_title`, `supervisor_name`, `supervisor_contact`, `review_weeks`, and
 * `starts_on`, `last_day`, `next_supervision_on` and `today` (the organisation's) as `YYYY-MM-DD`.
 */
export function livePlacementsSql({ organisation, at }: PlacementSweepPlaceholders): string {
  return `
  SELECT ${personDisplayNameSql('p.organisation_id', 'p.person_id')} AS person_name, h.name AS host_name, p.role_title,
         p.supervisor_name, p.supervisor_contact,
         p.id AS placement_id, p.person_id, p.review_weeks, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(coalesce(p.ended_on, p.planned_end_on), 'YYYY-MM-DD') AS last_day,
         to_char(nx.next_on, 'YYYY-MM-DD') AS next_supervision_on,
         to_char((SELECT organisation_today(${organisation}, ${at}::timestamptz)), 'YYYY-MM-DD') AS today
    FROM placements p
    JOIN host_organisations h ON h.organisation_id = p.organisation_id AND h.id = p.host_id
    CROSS JOIN LATERAL (
      SELECT greatest(p.starts_on, coalesce(max(s.held_on), p.starts_on)) + p.supervision_interval_days AS next_on
        FROM supervision_records s WHERE s.organisation_id = p.organisation_id AND s.placement_id = p.id) nx
   WHERE p.organisation_id = ${organisation} AND p.status = 'active'`;
}

/** A boolean SQL expression: whether the review at `week` of the placement has been recorded. Each argument is the caller's expression. */
export function placementReviewHeldSql(organisation: string, placementId: string, week: string): string {
  return `EXISTS (SELECT 1 FROM placement_reviews r WHERE r.organisation_id = ${organisation} AND r.placement_id = ${placementId} AND r.week = ${week})`;
}

export async function placementReviewHeld(manager: EntityManager, organisationId: string, placementId: string, week: number): Promise<boolean> {
  const [row]: Array<{ held: boolean }> = await manager.query(`SELECT ${placementReviewHeldSql('$1', '$2', '$3')} AS held`, [organisationId, placementId, week]);
  return row.held;
}
