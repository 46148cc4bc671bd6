import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assessRisk, RiskFlag } from '../engine/at-risk';
import { AssessmentResultValue, assessCompletion, AttendanceStatus, Completion, CompletionRule, EnrolmentState, HeldSession, WithdrawalPeriod } from '../engine/completion';
import { Cohort } from '../entities/cohort.entity';
import { CompletionRules } from './completion-rules';

export interface EnrolmentProgress {
  enrolmentId: string;
  personId: string;
  name: string;
  state: EnrolmentState;
  completion: Completion;
  risk: RiskFlag[];
  /** The last session attended (present or late), derived from the registers. */
  lastAttendedSession: { id: string; heldOn: string; week: number } | null;
}

export interface CohortProgressResult {
  rule: CompletionRule;
  sessions: HeldSession[];
  enrolments: EnrolmentProgress[];
}

interface EnrolmentRow {
  id: string;
  person_id: string;
  name: string;
  status: EnrolmentState;
  attendance: Array<{ s: string; v: AttendanceStatus }> | null;
  withdrawals: Array<{ w: string; r: string | null }> | null;
  assessments: Array<{ a: string; v: AssessmentResultValue }> | null;
}

/**
 * Loads one cohort's registers, withdrawals and assessment results in two queries and runs the
 * completion and early-warning engines over every enrolment.
 */
@Injectable()
export class CohortProgress {
  constructor(private readonly rules: CompletionRules) {}

  async load(manager: EntityManager, cohort: Cohort, enrolmentIds?: string[]): Promise<CohortProgressResult> {
    const org = cohort.organisationId;
    const rule = await this.rules.find(manager, org, cohort.programmeId);
    const sessions: HeldSession[] = await manager.query(
      `SELECT id, to_char(held_on, 'YYYY-MM-DD') AS "heldOn" FROM cohort_sessions WHERE organisation_id = $1 AND cohort_id = $2 AND status = 'scheduled' ORDER BY starts_at, id`,
      [org, cohort.id],
    );
    const rows: EnrolmentRow[] = await manager.query(
      `SELECT e.id, e.person_id, p.name, e.status,
              (SELECT json_agg(json_build_object('s', a.session_id, 'v', a.status)) FROM attendance a WHERE a.organisation_id = e.organisation_id AND a.enrolment_id = e.id) AS attendance,
              (SELECT json_agg(json_build_object('w', w.withdrawn_on, 'r', w.readmitted_on)) FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id) AS withdrawals,
              (SELECT json_agg(json_build_object('a', r.assessment, 'v', r.result)) FROM assessment_results r WHERE r.organisation_id = e.organisation_id AND r.enrolment_id = e.id) AS assessments
         FROM enrolments e JOIN people p ON p.organisation_id = e.organisation_id AND p.id = e.person_id
        WHERE e.organisation_id = $1 AND e.cohort_id = $2 AND ($3::uuid[] IS NULL OR e.id = ANY($3))
        ORDER BY p.name, e.id`,
      [org, cohort.id, enrolmentIds ?? null],
    );
    const weekOf = new Map(sessions.map((s, i) => [s.id, i + 1]));
    const enrolments = rows.map((row): EnrolmentProgress => {
      const record = {
        state: row.status,
        attendance: new Map((row.attendance ?? []).map((a) => [a.s, a.v])),
        withdrawals: (row.withdrawals ?? []).map((w): WithdrawalPeriod => ({ withdrawnOn: w.w, readmittedOn: w.r })),
        assessments: new Map((row.assessments ?? []).map((a) => [a.a, a.v])),
      };
      const completion = assessCompletion(rule, sessions, record);
      const last = completion.attendance.lastAttended;
      return {
        enrolmentId: row.id,
        personId: row.person_id,
        name: row.name,
        state: row.status,
        completion,
        risk: assessRisk(rule, sessions, record),
        lastAttendedSession: last ? { ...last, week: weekOf.get(last.id)! } : null,
      };
    });
    return { rule, sessions, enrolments };
  }
}
