import { EntityManager } from 'typeorm';

/**
 * The person's training, placements and jobs as a subject access request answers them: every
 * row recorded about them, each with the records hanging off it. Notes staff wrote (a register
 * note, a supervisor's notes, a review summary) are included only when asked for: an admin
 * answering a request reviews them before anything is sent, while the participant's own download
 * (GET /me/data) keeps the rule that such notes are for coordinators. Read with SQL rather than
 * the cohorts, placements and progression libs, which depend on this lib and not the reverse.
 */
export interface ExportedJourney {
  enrolments: Array<Record<string, unknown>>;
  placements: Array<Record<string, unknown>>;
  jobs: Array<Record<string, unknown>>;
}

export async function journeyRecords(manager: EntityManager, organisationId: string, personId: string, staffNotes: boolean): Promise<ExportedJourney> {
  const note = (column: string) => (staffNotes ? column : 'NULL');
  const [row]: ExportedJourney[] = await manager.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object(
           'id', e.id, 'cohortName', c.name, 'status', e.status, 'enrolledAt', e.enrolled_at, 'completedAt', e.completed_at,
           'attendance', (SELECT coalesce(json_agg(json_build_object('heldOn', s.held_on, 'status', a.status, 'note', ${note('a.note')}) ORDER BY s.starts_at), '[]')
                            FROM attendance a JOIN cohort_sessions s ON s.organisation_id = a.organisation_id AND s.id = a.session_id
                           WHERE a.organisation_id = e.organisation_id AND a.enrolment_id = e.id),
           'assessments', (SELECT coalesce(json_agg(json_build_object('assessment', r.assessment, 'result', r.result, 'note', ${note('r.note')}, 'recordedAt', r.recorded_at) ORDER BY r.recorded_at), '[]')
                             FROM assessment_results r WHERE r.organisation_id = e.organisation_id AND r.enrolment_id = e.id),
           'withdrawals', (SELECT coalesce(json_agg(json_build_object('withdrawnOn', w.withdrawn_on, 'reason', w.reason, 'note', ${note('w.note')}, 'readmittedOn', w.readmitted_on, 'readmissionNote', ${note('w.readmission_note')}) ORDER BY w.withdrawn_on), '[]')
                             FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id)
         ) ORDER BY e.enrolled_at), '[]')
          FROM enrolments e JOIN cohorts c ON c.organisation_id = e.organisation_id AND c.id = e.cohort_id
         WHERE e.organisation_id = $1 AND e.person_id = $2) AS enrolments,
       (SELECT coalesce(json_agg(json_build_object(
           'id', p.id, 'hostName', h.name, 'roleTitle', p.role_title, 'supervisorName', p.supervisor_name, 'hoursPerWeek', p.hours_per_week,
           'startsOn', p.starts_on, 'plannedEndOn', p.planned_end_on, 'endedOn', p.ended_on, 'status', p.status, 'endReason', p.end_reason,
           'supervision', (SELECT coalesce(json_agg(json_build_object('heldOn', x.held_on, 'supervisorName', x.supervisor_name, 'notes', ${note('x.notes')}, 'actions', x.actions, 'wellbeingConcern', x.wellbeing_concern) ORDER BY x.held_on), '[]')
                             FROM supervision_records x WHERE x.organisation_id = p.organisation_id AND x.placement_id = p.id),
           'reviews', (SELECT coalesce(json_agg(json_build_object('week', r.week, 'heldOn', r.held_on, 'outcome', r.outcome, 'summary', ${note('r.summary')}) ORDER BY r.week), '[]')
                         FROM placement_reviews r WHERE r.organisation_id = p.organisation_id AND r.placement_id = p.id)
         ) ORDER BY p.starts_on), '[]')
          FROM placements p JOIN host_organisations h ON h.organisation_id = p.organisation_id AND h.id = p.host_id
         WHERE p.organisation_id = $1 AND p.person_id = $2) AS placements,
       (SELECT coalesce(json_agg(json_build_object(
           'id', j.id, 'employer', j.employer, 'title', j.title, 'sector', j.sector, 'hoursPerWeek', j.hours_per_week, 'contractType', j.contract_type,
           'startsOn', j.starts_on, 'contractEndsOn', j.contract_ends_on, 'endedOn', j.ended_on, 'endReason', j.end_reason,
           'sustainmentChecks', (SELECT coalesce(json_agg(json_build_object('week', s.week, 'result', s.result, 'checkedOn', s.checked_on, 'note', ${note('s.note')}) ORDER BY s.week), '[]')
                                   FROM sustainment_checks s WHERE s.organisation_id = j.organisation_id AND s.job_id = j.id)
         ) ORDER BY j.starts_on), '[]')
          FROM jobs j WHERE j.organisation_id = $1 AND j.person_id = $2) AS jobs`,
    [organisationId, personId],
  );
  return row;
}
