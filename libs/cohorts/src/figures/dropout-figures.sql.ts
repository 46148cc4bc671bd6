/**
 * Drop-out figures for a set of cohorts in one statement, so the database does the counting and
 * only the figures travel. The definitions (week, retention, drop-out week) are those of
 * engine/dropout-stats.ts. Parameters: $1 organisation, $2 cohort ids or null, $3 programme or
 * null, $4/$5 start-date range or null, $6 a trainer's user id (only their cohorts) or null.
 */
export const DROPOUT_FIGURES_SQL = `
WITH c AS (
  SELECT c.organisation_id, c.id FROM cohorts c
   WHERE c.organisation_id = $1
     AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
     AND ($3::uuid IS NULL OR c.programme_id = $3)
     AND ($4::date IS NULL OR c.starts_on >= $4) AND ($5::date IS NULL OR c.starts_on <= $5)
     AND ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM cohort_trainers t WHERE t.organisation_id = c.organisation_id AND t.cohort_id = c.id AND t.user_id = $6))
),
s AS (
  SELECT cs.cohort_id, cs.held_on, row_number() OVER (PARTITION BY cs.cohort_id ORDER BY cs.starts_at, cs.id)::int AS week
    FROM cohort_sessions cs JOIN c ON c.organisation_id = cs.organisation_id AND c.id = cs.cohort_id
   WHERE cs.organisation_id = $1 AND cs.status = 'scheduled'
),
e AS (
  SELECT en.id, en.cohort_id, en.status, p.locality_id, ow.withdrawn_on AS dropped_on, ow.reason
    FROM enrolments en
    JOIN c ON c.organisation_id = en.organisation_id AND c.id = en.cohort_id
    JOIN people p ON p.organisation_id = en.organisation_id AND p.id = en.person_id
    LEFT JOIN withdrawals ow ON ow.organisation_id = en.organisation_id AND ow.enrolment_id = en.id AND ow.readmitted_on IS NULL
   WHERE en.organisation_id = $1
),
w AS (
  SELECT en.cohort_id, wd.withdrawn_on, wd.readmitted_on
    FROM withdrawals wd
    JOIN enrolments en ON en.organisation_id = wd.organisation_id AND en.id = wd.enrolment_id
    JOIN c ON c.organisation_id = en.organisation_id AND c.id = en.cohort_id
   WHERE wd.organisation_id = $1
),
dw AS (
  SELECT e.id, coalesce(min(s.week) FILTER (WHERE s.held_on >= e.dropped_on), max(s.week)) AS week
    FROM e JOIN s ON s.cohort_id = e.cohort_id
   WHERE e.dropped_on IS NOT NULL
   GROUP BY e.id
),
sized AS (SELECT cohort_id, count(*)::int AS enrolled FROM e GROUP BY cohort_id),
outs AS (
  SELECT s.cohort_id, s.week, count(w.cohort_id)::int AS gone
    FROM s LEFT JOIN w ON w.cohort_id = s.cohort_id AND w.withdrawn_on <= s.held_on AND (w.readmitted_on IS NULL OR w.readmitted_on > s.held_on)
   GROUP BY s.cohort_id, s.week
),
ed AS (SELECT e.*, dw.week FROM e LEFT JOIN dw ON dw.id = e.id)
SELECT json_build_object(
  'cohorts', (SELECT count(*)::int FROM c),
  'enrolled', (SELECT count(*)::int FROM e),
  'withdrawn', (SELECT count(*)::int FROM e WHERE dropped_on IS NOT NULL),
  'completed', (SELECT count(*)::int FROM e WHERE status = 'completed'),
  'medianDropoutWeek', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY week) FROM dw),
  'retention', (SELECT coalesce(json_agg(r ORDER BY r.week), '[]') FROM (
      SELECT outs.week, count(*)::int AS cohorts, sum(sized.enrolled)::int AS enrolled, sum(sized.enrolled - outs.gone)::int AS retained
        FROM outs JOIN sized ON sized.cohort_id = outs.cohort_id GROUP BY outs.week) r),
  'reasons', (SELECT coalesce(json_agg(r ORDER BY r.count DESC, r.reason), '[]') FROM (
      SELECT reason, count(*)::int AS count FROM e WHERE dropped_on IS NOT NULL GROUP BY reason) r),
  'byLocality', (SELECT coalesce(json_agg(g ORDER BY g."localityName" NULLS LAST), '[]') FROM (
      SELECT ed.locality_id AS "localityId", l.name AS "localityName", count(*)::int AS enrolled,
             count(*) FILTER (WHERE ed.dropped_on IS NOT NULL)::int AS withdrawn,
             count(*) FILTER (WHERE ed.status = 'completed')::int AS completed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ed.week) AS "medianDropoutWeek",
             (SELECT coalesce(json_object_agg(x.reason, x.count), '{}') FROM (
                SELECT e2.reason, count(*)::int AS count FROM e e2
                 WHERE e2.dropped_on IS NOT NULL AND e2.locality_id IS NOT DISTINCT FROM ed.locality_id GROUP BY e2.reason) x) AS reasons
        FROM ed LEFT JOIN localities l ON l.organisation_id = $1 AND l.id = ed.locality_id
       GROUP BY ed.locality_id, l.name) g)
) AS figures`;
