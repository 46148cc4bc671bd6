/**
 * A complete SELECT yielding every enrolment of the organisation: `person_id`, `enrolled_at`, and
 * `dropped_out`, true when the enrolment's latest withdrawal is still open (the drop-out figures'
 * rule, so a re-admission counts the person back in). `organisation` is the caller's expression;
 * a caller folds it in as a subquery to group enrolments by what it knows of the people.
 */
export function enrolmentOutcomesSql(organisation: string): string {
  return `SELECT en.person_id, en.enrolled_at,
                 EXISTS (SELECT 1 FROM withdrawals w WHERE w.organisation_id = en.organisation_id AND w.enrolment_id = en.id AND w.readmitted_on IS NULL) AS dropped_out
            FROM enrolments en
           WHERE en.organisation_id = ${organisation}`;
}
