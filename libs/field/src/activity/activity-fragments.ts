import { DEFAULT_FIELD_SETTINGS } from '../settings/field-settings';

/**
 * SQL for the day a person last logged activity (any status: a queried entry was still work done).
 * For placements, which shows it in supervision and flags the quiet; the entries' person index answers it.
 */
export function lastActivitySql(organisationExpr: string, personExpr: string): string {
  return `(SELECT max(a.occurred_on) FROM activity_entries a WHERE a.organisation_id = ${organisationExpr} AND a.person_id = ${personExpr})`;
}

/** SQL for the organisation's "no activity for N days" setting. */
export function noActivityDaysSql(organisationExpr: string): string {
  return `coalesce((SELECT fs.no_activity_days FROM field_settings fs WHERE fs.organisation_id = ${organisationExpr}), ${DEFAULT_FIELD_SETTINGS.noActivityDays})`;
}
