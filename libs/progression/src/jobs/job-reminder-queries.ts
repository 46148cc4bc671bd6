import { personDisplayNameSql } from '@steppingstone/people';

/** Where the caller's statement holds the organisation and the moment "now" is taken to be, as placeholders such as `$1`. */
export interface JobSweepPlaceholders {
  organisation: string;
  /** A timestamptz; "today" is the organisation's local date at it. */
  at: string;
}

/**
 * A complete SELECT of the fixed-term jobs still held whose contract ends within `noticeDays` from
 * today (until the day before the end): `job_id`, `person_id`, `person_name`, `title`, `employer`,
 * `ends_on` and `due_on` (the day the notice starts) as `YYYY-MM-DD`, and `days_left`.
 */
export function contractsEndingSql({ organisation, at }: JobSweepPlaceholders, noticeDays: number): string {
  const today = `(SELECT organisation_today(${organisation}, ${at}::timestamptz))`;
  return `
  SELECT j.id AS job_id, j.person_id, ${personDisplayNameSql('j.organisation_id', 'j.person_id')} AS person_name, j.title, j.employer,
         to_char(j.contract_ends_on, 'YYYY-MM-DD') AS ends_on, to_char(j.contract_ends_on - ${noticeDays}, 'YYYY-MM-DD') AS due_on,
         (j.contract_ends_on - ${today}) AS days_left
    FROM jobs j
   WHERE j.organisation_id = ${organisation} AND j.contract_type = 'fixed-term' AND j.contract_ends_on IS NOT NULL AND j.ended_on IS NULL
     AND ${today} BETWEEN j.contract_ends_on - ${noticeDays} AND j.contract_ends_on - 1`;
}

/**
 * A complete SELECT of the sustainment checks (weeks 13 and 26) not yet recorded, from the day each
 * falls due until `graceDays` after: `job_id`, `week`, `person_id`, `person_name`, `title`,
 * `employer`, `starts_on` and `due_on` as `YYYY-MM-DD`.
 */
export function sustainmentChecksDueSql({ organisation, at }: JobSweepPlaceholders, graceDays: number): string {
  return `
  SELECT j.id AS job_id, w.week, j.person_id, ${personDisplayNameSql('j.organisation_id', 'j.person_id')} AS person_name, j.title, j.employer,
         to_char(j.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(j.starts_on + w.week * 7, 'YYYY-MM-DD') AS due_on
    FROM jobs j
    CROSS JOIN (VALUES (13), (26)) AS w(week)
   WHERE j.organisation_id = ${organisation}
     AND (SELECT organisation_today(${organisation}, ${at}::timestamptz)) BETWEEN j.starts_on + w.week * 7 AND j.starts_on + w.week * 7 + ${graceDays}
     AND NOT EXISTS (SELECT 1 FROM sustainment_checks sc WHERE sc.organisation_id = j.organisation_id AND sc.job_id = j.id AND sc.week = w.week)`;
}
