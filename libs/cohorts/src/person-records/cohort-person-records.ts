import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRecordCounts, PersonRecords, PersonRecordsHandler, PersonRef } from '@steppingstone/core';
import { PeopleError, PeopleErrorCode } from '@steppingstone/people';

/**
 * A person's cohort enrolments, with the attendance, assessment results and withdrawals hanging
 * off them, when the person is merged, erased, anonymised, exported or swept for retention.
 */
@Injectable()
export class CohortPersonRecords implements PersonRecordsHandler, OnModuleInit {
  readonly owner = 'cohorts';

  constructor(private readonly registry: PersonRecords) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async merged(manager: EntityManager, organisationId: string, fromId: string, intoId: string): Promise<PersonRecordCounts> {
    // Training follows the person, so the funnel counts it once; one person is enrolled in a cohort at most once.
    const clash: unknown[] = await manager.query(
      `SELECT 1 FROM enrolments d JOIN enrolments k ON k.organisation_id = d.organisation_id AND k.cohort_id = d.cohort_id AND k.person_id = $2
        WHERE d.organisation_id = $1 AND d.person_id = $3`,
      [organisationId, intoId, fromId],
    );
    if (clash.length) {
      throw new PeopleError(PeopleErrorCode.MergeConflict, 'Both records are enrolled in the same cohort; withdraw or remove one enrolment before merging', [
        { field: 'duplicateId', rule: 'noSharedCohort', message: 'duplicateId is enrolled in a cohort the kept person is also in' },
      ]);
    }
    await manager.query(`UPDATE enrolments SET person_id = $2 WHERE organisation_id = $1 AND person_id = $3`, [organisationId, intoId, fromId]);
    return {};
  }

  async erased(manager: EntityManager, organisationId: string, person: PersonRef): Promise<PersonRecordCounts> {
    // Attendance, assessments, withdrawals and at-risk events cascade. Enrolments point at the
    // applications recruitment erases, which is why cohorts runs before it.
    const [, enrolments] = await manager.query(`DELETE FROM enrolments WHERE organisation_id = $1 AND person_id = $2`, [organisationId, person.id]);
    return { enrolments: Number(enrolments) };
  }

  async anonymised(manager: EntityManager, organisationId: string, person: PersonRef): Promise<void> {
    const params = [organisationId, person.id];
    const enrolments = `SELECT id FROM enrolments WHERE organisation_id = $1 AND person_id = $2`;
    await manager.query(`UPDATE attendance SET note = NULL WHERE organisation_id = $1 AND note IS NOT NULL AND enrolment_id IN (${enrolments})`, params);
    await manager.query(`UPDATE assessment_results SET note = NULL WHERE organisation_id = $1 AND note IS NOT NULL AND enrolment_id IN (${enrolments})`, params);
    // The reason stays (drop-out by reason counts it); only the words around it go.
    await manager.query(`UPDATE withdrawals SET note = NULL, readmission_note = NULL WHERE organisation_id = $1 AND enrolment_id IN (${enrolments})`, params);
  }

  /**
   * Notes staff wrote (on a register, an assessment, a withdrawal) only with `staffNotes`: an admin
   * answering a request reviews them before anything is sent, while the participant's own download
   * keeps the rule that such notes are for coordinators.
   */
  async exported(manager: EntityManager, organisationId: string, personId: string, options: { staffNotes: boolean }): Promise<Record<string, unknown>> {
    const note = (column: string) => (options.staffNotes ? column : 'NULL');
    const [row]: Array<{ enrolments: unknown[] }> = await manager.query(
      `SELECT coalesce(json_agg(json_build_object(
           'id', e.id, 'cohortName', c.name, 'status', e.status, 'enrolledAt', e.enrolled_at, 'completedAt', e.completed_at,
           'attendance', (SELECT coalesce(json_agg(json_build_object('heldOn', s.held_on, 'status', a.status, 'note', ${note('a.note')}) ORDER BY s.starts_at), '[]')
                            FROM attendance a JOIN cohort_sessions s ON s.organisation_id = a.organisation_id AND s.id = a.session_id
                           WHERE a.organisation_id = e.organisation_id AND a.enrolment_id = e.id),
           'assessments', (SELECT coalesce(json_agg(json_build_object('assessment', r.assessment, 'result', r.result, 'note', ${note('r.note')}, 'recordedAt', r.recorded_at) ORDER BY r.recorded_at), '[]')
                             FROM assessment_results r WHERE r.organisation_id = e.organisation_id AND r.enrolment_id = e.id),
           'withdrawals', (SELECT coalesce(json_agg(json_build_object('withdrawnOn', w.withdrawn_on, 'reason', w.reason, 'note', ${note('w.note')}, 'readmittedOn', w.readmitted_on, 'readmissionNote', ${note('w.readmission_note')}) ORDER BY w.withdrawn_on), '[]')
                             FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id)
         ) ORDER BY e.enrolled_at), '[]') AS enrolments
         FROM enrolments e JOIN cohorts c ON c.organisation_id = e.organisation_id AND c.id = e.cohort_id
        WHERE e.organisation_id = $1 AND e.person_id = $2`,
      [organisationId, personId],
    );
    return { journey: { enrolments: row.enrolments } };
  }

  activitySql(): string[] {
    return [
      `SELECT e.person_id, greatest(e.enrolled_at, e.completed_at) FROM enrolments e JOIN scope s ON s.id = e.person_id WHERE e.organisation_id = $1`,
      `SELECT e.person_id, x.recorded_at FROM attendance x
         JOIN enrolments e ON e.organisation_id = x.organisation_id AND e.id = x.enrolment_id JOIN scope s ON s.id = e.person_id WHERE x.organisation_id = $1`,
      `SELECT e.person_id, x.recorded_at FROM assessment_results x
         JOIN enrolments e ON e.organisation_id = x.organisation_id AND e.id = x.enrolment_id JOIN scope s ON s.id = e.person_id WHERE x.organisation_id = $1`,
      // Dates without a time count from midnight UTC of that day.
      `SELECT e.person_id, greatest(w.withdrawn_on::timestamptz, w.recorded_at, w.readmitted_on::timestamptz, w.readmitted_at) FROM withdrawals w
         JOIN enrolments e ON e.organisation_id = w.organisation_id AND e.id = w.enrolment_id JOIN scope s ON s.id = e.person_id WHERE w.organisation_id = $1`,
    ];
  }
}
