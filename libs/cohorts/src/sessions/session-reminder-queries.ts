/**
 * A complete SELECT of who is expected at the organisation's sessions that are scheduled and have
 * not started by `now`: people enrolled in the cohort, with no open withdrawal. Columns:
 * `session_id`, `person_id`, `held_on` (date), `starts_at`, `duration_minutes`, `venue` (the
 * session's, else the cohort's) and `cohort_name`. `organisation` and `now` (a timestamptz) are
 * the caller's expressions; `now` may be a column of the caller's rows when joined LATERAL.
 * `session` and `person` narrow it to one attendee: a caller joining LATERAL per asked row passes
 * them so the narrowing sits inside this WHERE, where PostgreSQL uses the indexes, instead of
 * filtering the whole upcoming list again for every row.
 */
export function sessionAttendeesSql({ organisation, now, session, person }: { organisation: string; now: string; session?: string; person?: string }): string {
  return `
  SELECT s.id AS session_id, e.person_id, s.held_on, s.starts_at, s.duration_minutes, coalesce(s.venue, c.venue) AS venue, c.name AS cohort_name
    FROM cohort_sessions s
    JOIN cohorts c ON c.organisation_id = s.organisation_id AND c.id = s.cohort_id
    JOIN enrolments e ON e.organisation_id = s.organisation_id AND e.cohort_id = s.cohort_id
   WHERE s.organisation_id = ${organisation} AND s.status = 'scheduled' AND s.starts_at > ${now}${session ? ` AND s.id = ${session}` : ''}
     AND e.status = 'enrolled'${person ? ` AND e.person_id = ${person}` : ''}
     AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id AND w.readmitted_on IS NULL)`;
}
