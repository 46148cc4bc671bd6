import { localityRecordSql } from '@steppingstone/areas';
import { personRecordSql } from '@steppingstone/people';

/**
 * Drop-out figures for a set of cohorts in one statement, so the database does the counting and
 * only the figures travel. The definitions (week, retention, drop-out week) are those of
 * engine/dropout-stats.ts. Named parameters: :organisation; :cohortIds, :programme, :startsFrom and
 * :startsTo (a range of start dates), :trainer (a trainer's user id: only their cohorts), each null
 * for no filter. People's localities and the localities' names come from their owners' fragments.
 *
 * Each part joins from the cohorts table itself rather than from a shared list of cohorts, so the
 * planner sees real row counts and chooses hash joins.
 */
const NO_LOCALITY = '00000000-0000-0000-0000-000000000000';

const COHORT_FILTER = `c.organisation_id = :organisation
     AND (:cohortIds::uuid[] IS NULL OR c.id = ANY(:cohortIds::uuid[]))
     AND (:programme::uuid IS NULL OR c.programme_id = :programme)
     AND (:startsFrom::date IS NULL OR c.starts_on >= :startsFrom) AND (:startsTo::date IS NULL OR c.starts_on <= :startsTo)
     AND (:trainer::uuid IS NULL OR EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = c.organisation_id AND t.cohort_id = c.id AND t.user_id = :trainer))`;

/*
 * Weeks come from each cohort's sorted array of session dates: width_bucket(d - 1, days) counts the
 * sessions held before d, a binary search rather than a join of every person with every session.
 * A withdrawal covers weeks [out, back): out is the first week held on or after it, back the first
 * held on or after the re-admission (past the last week when still open). Retention per week is
 * then a running sum of +1/-1 at those weeks.
 */
export const DROPOUT_FIGURES_SQL = `
WITH cs AS MATERIALIZED (
  SELECT c.id AS cohort_id, array_agg(s.held_on ORDER BY s.starts_at, s.id) AS days
    FROM cohorts c JOIN cohort_sessions s ON s.organisation_id = c.organisation_id AND s.cohort_id = c.id
   WHERE ${COHORT_FILTER} AND s.organisation_id = :organisation AND s.status = 'scheduled'
   GROUP BY c.id
),
-- lk is the person's locality, or a stand-in for none, so that it can be joined on with =.
e AS MATERIALIZED (
  SELECT en.id, en.cohort_id, en.status, coalesce(p.locality_id, '${NO_LOCALITY}') AS lk
    FROM cohorts c
    JOIN enrolments en ON en.organisation_id = c.organisation_id AND en.cohort_id = c.id
    JOIN LATERAL (${personRecordSql('en.organisation_id', 'en.person_id')}) p ON true
   WHERE ${COHORT_FILTER} AND en.organisation_id = :organisation
),
spans AS MATERIALIZED (
  SELECT e.lk, wd.reason, wd.readmitted_on IS NULL AS open, cardinality(cs.days) AS weeks,
         width_bucket(wd.withdrawn_on - 1, cs.days) + 1 AS out_week,
         CASE WHEN wd.readmitted_on IS NULL THEN cardinality(cs.days) + 1 ELSE width_bucket(wd.readmitted_on - 1, cs.days) + 1 END AS back_week
    FROM withdrawals wd
    JOIN e ON e.id = wd.enrolment_id
    LEFT JOIN cs ON cs.cohort_id = e.cohort_id
   WHERE wd.organisation_id = :organisation
),
drops AS MATERIALIZED (SELECT lk, reason, least(out_week, weeks) AS week FROM spans WHERE open),
steps AS (
  SELECT lk, week, sum(delta)::int AS delta FROM (
    SELECT lk, out_week AS week, 1 AS delta FROM spans WHERE out_week < back_week
    UNION ALL SELECT lk, back_week, -1 FROM spans WHERE out_week < back_week) x
   GROUP BY lk, week
),
sized AS (SELECT cohort_id, lk, count(*)::int AS enrolled FROM e GROUP BY cohort_id, lk),
-- Retention per locality and week: people of that locality in the cohorts that have that week, less
-- those withdrawn at it (a running sum of the steps). The overall curve adds the localities up.
local_retention AS MATERIALIZED (
  SELECT w.lk, w.week, w.enrolled,
         w.enrolled - (sum(coalesce(st.delta, 0)) OVER (PARTITION BY w.lk ORDER BY w.week))::int AS retained
    FROM (SELECT sized.lk, k AS week, sum(sized.enrolled)::int AS enrolled
            FROM cs JOIN sized ON sized.cohort_id = cs.cohort_id, generate_series(1, cardinality(cs.days)) k
           GROUP BY sized.lk, k) w
    LEFT JOIN steps st ON st.lk = w.lk AND st.week = w.week
),
weeks AS (SELECT k AS week, count(*)::int AS cohorts FROM cs, generate_series(1, cardinality(cs.days)) k GROUP BY k),
groups AS MATERIALIZED (
  SELECT lk, nullif(lk, '${NO_LOCALITY}') AS locality_id, count(*)::int AS enrolled, count(*) FILTER (WHERE status = 'completed')::int AS completed
    FROM e GROUP BY lk
),
group_drops AS MATERIALIZED (
  SELECT lk, count(*)::int AS withdrawn, percentile_cont(0.5) WITHIN GROUP (ORDER BY week) AS median FROM drops GROUP BY lk
),
by_reason AS MATERIALIZED (SELECT lk, reason, count(*)::int AS count FROM drops GROUP BY lk, reason)
SELECT json_build_object(
  'cohorts', (SELECT count(*)::int FROM cohorts c WHERE ${COHORT_FILTER}),
  'enrolled', (SELECT coalesce(sum(enrolled), 0)::int FROM groups),
  'withdrawn', (SELECT count(*)::int FROM drops),
  'completed', (SELECT coalesce(sum(completed), 0)::int FROM groups),
  'medianDropoutWeek', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY week) FROM drops),
  'retention', (SELECT coalesce(json_agg(json_build_object('week', r.week, 'cohorts', r.cohorts, 'enrolled', r.enrolled, 'retained', r.retained) ORDER BY r.week), '[]') FROM (
      SELECT weeks.week, weeks.cohorts, sum(lr.enrolled)::int AS enrolled, sum(lr.retained)::int AS retained
        FROM weeks JOIN local_retention lr ON lr.week = weeks.week GROUP BY weeks.week, weeks.cohorts) r),
  'reasons', (SELECT coalesce(json_agg(r ORDER BY r.count DESC, r.reason), '[]') FROM (
      SELECT reason, sum(count)::int AS count FROM by_reason GROUP BY reason) r),
  'byLocality', (SELECT coalesce(json_agg(json_build_object(
        'localityId', g.locality_id, 'localityName', l.name, 'enrolled', g.enrolled, 'withdrawn', coalesce(d.withdrawn, 0), 'completed', g.completed,
        'medianDropoutWeek', d.median,
        'reasons', coalesce((SELECT json_object_agg(b.reason, b.count) FROM by_reason b WHERE b.lk = g.lk), '{}'),
        'retention', coalesce((SELECT json_agg(json_build_object('week', lr.week, 'enrolled', lr.enrolled, 'retained', lr.retained) ORDER BY lr.week) FROM local_retention lr WHERE lr.lk = g.lk), '[]')
      ) ORDER BY l.name NULLS LAST), '[]')
      FROM groups g LEFT JOIN group_drops d ON d.lk = g.lk LEFT JOIN LATERAL (${localityRecordSql(':organisation', 'g.locality_id')}) l ON true)
) AS figures`;
