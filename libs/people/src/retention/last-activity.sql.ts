/**
 * A person's last activity: the latest moment anything about them was recorded or is planned to
 * happen. It is the greatest of
 *   - their record's creation and last update (contact details changed),
 *   - their applications (applied, last stage change, every stage transition),
 *   - their enrolments (enrolled, completed), attendance recorded, assessment results recorded,
 *     withdrawals (withdrawn, recorded, re-admitted),
 *   - their placements (created, changed, started, planned and actual end), supervision records and
 *     placement reviews recorded,
 *   - their jobs (recorded, started, contract end, ended) and sustainment checks recorded,
 *   - their consents (given, withdrawn) and their demographic profile's last update.
 * Dates without a time (a planned end, a contract end) count from midnight UTC of that day, so a
 * placement or contract running into the future keeps its person for as long as it runs.
 *
 * One statement over every source, folded per person with max(): `people` in it is p, and the
 * caller supplies the condition on p (e.g. the organisation and who is not anonymised yet).
 * $1 is always the organisation.
 */
export function lastActivitySql(peopleCondition: string): string {
  const ts = (column: string) => `${column}::timestamptz`;
  return `
    WITH scope AS MATERIALIZED (SELECT p.id, greatest(p.created_at, p.updated_at) AS at FROM people p WHERE p.organisation_id = $1 AND ${peopleCondition}),
    activity (person_id, at) AS (
      SELECT id, at FROM scope
      UNION ALL SELECT a.person_id, greatest(a.applied_at, a.stage_changed_at) FROM applications a JOIN scope s ON s.id = a.person_id WHERE a.organisation_id = $1
      UNION ALL SELECT a.person_id, t.occurred_at FROM application_transitions t
                  JOIN applications a ON a.organisation_id = t.organisation_id AND a.id = t.application_id JOIN scope s ON s.id = a.person_id WHERE t.organisation_id = $1
      UNION ALL SELECT e.person_id, greatest(e.enrolled_at, e.completed_at) FROM enrolments e JOIN scope s ON s.id = e.person_id WHERE e.organisation_id = $1
      UNION ALL SELECT e.person_id, x.recorded_at FROM attendance x
                  JOIN enrolments e ON e.organisation_id = x.organisation_id AND e.id = x.enrolment_id JOIN scope s ON s.id = e.person_id WHERE x.organisation_id = $1
      UNION ALL SELECT e.person_id, x.recorded_at FROM assessment_results x
                  JOIN enrolments e ON e.organisation_id = x.organisation_id AND e.id = x.enrolment_id JOIN scope s ON s.id = e.person_id WHERE x.organisation_id = $1
      UNION ALL SELECT e.person_id, greatest(${ts('w.withdrawn_on')}, w.recorded_at, ${ts('w.readmitted_on')}, w.readmitted_at) FROM withdrawals w
                  JOIN enrolments e ON e.organisation_id = w.organisation_id AND e.id = w.enrolment_id JOIN scope s ON s.id = e.person_id WHERE w.organisation_id = $1
      UNION ALL SELECT pl.person_id, greatest(pl.created_at, pl.updated_at, pl.activated_at, ${ts('pl.planned_end_on')}, ${ts('pl.ended_on')}) FROM placements pl
                  JOIN scope s ON s.id = pl.person_id WHERE pl.organisation_id = $1
      UNION ALL SELECT pl.person_id, x.recorded_at FROM supervision_records x
                  JOIN placements pl ON pl.organisation_id = x.organisation_id AND pl.id = x.placement_id JOIN scope s ON s.id = pl.person_id WHERE x.organisation_id = $1
      UNION ALL SELECT pl.person_id, x.recorded_at FROM placement_reviews x
                  JOIN placements pl ON pl.organisation_id = x.organisation_id AND pl.id = x.placement_id JOIN scope s ON s.id = pl.person_id WHERE x.organisation_id = $1
      UNION ALL SELECT j.person_id, greatest(j.created_at, ${ts('j.starts_on')}, ${ts('j.contract_ends_on')}, ${ts('j.ended_on')}) FROM jobs j
                  JOIN scope s ON s.id = j.person_id WHERE j.organisation_id = $1
      UNION ALL SELECT j.person_id, x.recorded_at FROM sustainment_checks x
                  JOIN jobs j ON j.organisation_id = x.organisation_id AND j.id = x.job_id JOIN scope s ON s.id = j.person_id WHERE x.organisation_id = $1
      UNION ALL SELECT c.person_id, greatest(c.given_at, c.withdrawn_at) FROM consents c JOIN scope s ON s.id = c.person_id WHERE c.organisation_id = $1
      UNION ALL SELECT d.person_id, d.updated_at FROM demographic_profiles d JOIN scope s ON s.id = d.person_id WHERE d.organisation_id = $1
    ),
    last_activity AS (SELECT person_id, max(at) AS at FROM activity GROUP BY person_id)`;
}
