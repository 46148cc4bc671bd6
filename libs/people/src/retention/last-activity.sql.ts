/**
 * A person's last activity: the latest moment anything about them was recorded or is planned to
 * happen. It is the greatest of
 *   - their record's creation and last update (contact details changed),
 *   - their consents (given, withdrawn) and their demographic profile's last update,
 *   - every moment the libs that keep records about people report through their person-records
 *     handlers (`activitySql`): applications and their stage transitions, enrolments with their
 *     attendance, assessments and withdrawals, placements with their supervision and reviews, jobs
 *     with their sustainment checks.
 * Dates without a time (a planned end, a contract end) count from midnight UTC of that day, so a
 * placement or contract running into the future keeps its person for as long as it runs.
 *
 * One statement over every source, folded per person with max(): `people` in it is p, and the
 * caller supplies the condition on p (e.g. the organisation and who is not anonymised yet) and the
 * handlers' sources, each a SELECT of (person_id, at) over `scope`. $1 is always the organisation.
 */
export function lastActivitySql(peopleCondition: string, sources: string[]): string {
  const elsewhere = sources.map((source) => `\n      UNION ALL ${source}`).join('');
  return `
    WITH scope AS MATERIALIZED (SELECT p.id, greatest(p.created_at, p.updated_at) AS at FROM people p WHERE p.organisation_id = $1 AND ${peopleCondition}),
    activity (person_id, at) AS (
      SELECT id, at FROM scope${elsewhere}
      UNION ALL SELECT c.person_id, greatest(c.given_at, c.withdrawn_at) FROM consents c JOIN scope s ON s.id = c.person_id WHERE c.organisation_id = $1
      UNION ALL SELECT d.person_id, d.updated_at FROM demographic_profiles d JOIN scope s ON s.id = d.person_id WHERE d.organisation_id = $1
    ),
    last_activity AS (SELECT person_id, max(at) AS at FROM activity GROUP BY person_id)`;
}
