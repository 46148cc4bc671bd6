import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { lastActivitySql, noActivityDaysSql } from '@steppingstone/field';
import { personRecordSql } from '@steppingstone/people';

export interface QuietPerson {
  personId: string;
  personName: string;
  /** The last day they logged anything; null when they never have. */
  lastLoggedOn: string | null;
  /** Counted from the last entry, or from the start of their placement when they have logged nothing. */
  quietDays: number;
  /** The day the flag went up: the last entry (or the placement's start) plus the organisation's number of days. */
  flaggedOn: string;
}

/**
 * People on an active placement with no activity logged for the organisation's number of days or
 * more; `today` is the organisation's calendar date. Placements keep this check because it starts
 * from their rows; the activity and the setting come from field's fragments, the names from people's.
 */
export async function quietPeople(manager: EntityManager, organisationId: string, today: string, personId?: string): Promise<QuietPerson[]> {
  return queryNamed(
    manager,
    `WITH live AS (
       SELECT person_id, min(starts_on) AS starts_on FROM placements
        WHERE organisation_id = :organisation AND status = 'active' AND starts_on <= :today::date AND (:personId::uuid IS NULL OR person_id = :personId::uuid)
        GROUP BY person_id),
     quiet AS (
       SELECT l.person_id, ${lastActivitySql(':organisation', 'l.person_id')} AS last_on, l.starts_on, ${noActivityDaysSql(':organisation')} AS days FROM live l)
     SELECT q.person_id AS "personId", p.display_name AS "personName", to_char(q.last_on, 'YYYY-MM-DD') AS "lastLoggedOn",
            (:today::date - coalesce(q.last_on, q.starts_on))::int AS "quietDays", to_char(coalesce(q.last_on, q.starts_on) + q.days, 'YYYY-MM-DD') AS "flaggedOn"
       FROM quiet q JOIN LATERAL (${personRecordSql(':organisation', 'q.person_id')}) p ON true
      WHERE :today::date - coalesce(q.last_on, q.starts_on) >= q.days
      ORDER BY "quietDays" DESC, q.person_id`,
    { organisation: organisationId, today, personId: personId ?? null },
  );
}
