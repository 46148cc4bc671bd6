import { EntityManager } from 'typeorm';
import { DEFAULT_FIELD_SETTINGS } from '../settings/field-settings';

/**
 * SQL for the day a person last logged activity (any status: a queried entry was still work done).
 * Shared with placements, which shows it in supervision; the entries' person index answers it.
 */
export function lastActivitySql(organisationExpr: string, personExpr: string): string {
  return `(SELECT max(a.occurred_on) FROM activity_entries a WHERE a.organisation_id = ${organisationExpr} AND a.person_id = ${personExpr})`;
}

/** SQL for the organisation's "no activity for N days" setting. */
export function noActivityDaysSql(organisationExpr: string): string {
  return `coalesce((SELECT fs.no_activity_days FROM field_settings fs WHERE fs.organisation_id = ${organisationExpr}), ${DEFAULT_FIELD_SETTINGS.noActivityDays})`;
}

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
 * more. `$1` organisation; `today` is the organisation's calendar date.
 */
export async function quietPeople(manager: EntityManager, organisationId: string, today: string, personId?: string): Promise<QuietPerson[]> {
  return manager.query(
    `WITH live AS (
       SELECT person_id, min(starts_on) AS starts_on FROM placements
        WHERE organisation_id = $1 AND status = 'active' AND starts_on <= $2::date AND ($3::uuid IS NULL OR person_id = $3::uuid)
        GROUP BY person_id),
     quiet AS (
       SELECT l.person_id, ${lastActivitySql('$1', 'l.person_id')} AS last_on, l.starts_on, ${noActivityDaysSql('$1')} AS days FROM live l)
     SELECT q.person_id AS "personId", coalesce(p.preferred_name, p.name) AS "personName", to_char(q.last_on, 'YYYY-MM-DD') AS "lastLoggedOn",
            ($2::date - coalesce(q.last_on, q.starts_on))::int AS "quietDays", to_char(coalesce(q.last_on, q.starts_on) + q.days, 'YYYY-MM-DD') AS "flaggedOn"
       FROM quiet q JOIN people p ON p.organisation_id = $1 AND p.id = q.person_id
      WHERE $2::date - coalesce(q.last_on, q.starts_on) >= q.days
      ORDER BY "quietDays" DESC, q.person_id`,
    [organisationId, today, personId ?? null],
  );
}
