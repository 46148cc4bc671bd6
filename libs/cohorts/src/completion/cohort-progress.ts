import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryNamed } from '@steppingstone/core';
import { personRecordSql } from '@steppingstone/people';
import { assessRisk, RiskFlag } from '../engine/at-risk';
import { AssessmentResultValue, assessCompletion, AttendanceStatus, Completion, CompletionRule, DEFAULT_COMPLETION_RULE, EnrolmentState, HeldSession, WithdrawalPeriod } from '../engine/completion';
import { Cohort } from '../entities/cohort.entity';

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

/** One enrolment's records as stored, ready for the engines. */
export interface EnrolmentRecords {
  enrolmentId: string;
  personId: string;
  name: string;
  state: EnrolmentState;
  attendance: Map<string, AttendanceStatus>;
  withdrawals: WithdrawalPeriod[];
  assessments: Map<string, AssessmentResultValue>;
  /** The note recorded at the session asked for when fetching, if any. */
  noteAtSession: string | null;
}

export interface CohortRecords {
  rule: CompletionRule;
  sessions: HeldSession[];
  enrolments: EnrolmentRecords[];
}

interface EnrolmentRow {
  id: string;
  person_id: string;
  name: string;
  status: EnrolmentState;
  attendance: Array<{ s: string; v: AttendanceStatus; n: string | null }> | null;
  withdrawals: Array<{ w: string; r: string | null }> | null;
  assessments: Array<{ a: string; v: AssessmentResultValue }> | null;
}

/**
 * Loads one cohort's registers, withdrawals and assessment results in one query and runs the
 * completion and early-warning engines over every enrolment.
 */
@Injectable()
export class CohortProgress {
  async load(manager: EntityManager, cohort: Cohort, enrolmentIds?: string[]): Promise<CohortProgressResult> {
    return this.evaluate(await this.fetch(manager, cohort, { enrolmentIds }));
  }

  /** One round trip: the rule, the sessions held and every enrolment's records, as JSON. */
  async fetch(manager: EntityManager, cohort: Cohort, options: { enrolmentIds?: string[]; sessionId?: string } = {}): Promise<CohortRecords> {
    const [{ data }]: Array<{ data: { rule: CompletionRule | null; sessions: HeldSession[] | null; enrolments: EnrolmentRow[] | null } }> = await queryNamed(
      manager,
      `SELECT json_build_object(
         'rule', (SELECT json_build_object('minimumAttendancePercent', r.minimum_attendance_percent, 'requiredAssessments', r.required_assessments, 'atRiskConsecutiveAbsences', r.at_risk_consecutive_absences)
                    FROM completion_rules r WHERE r.organisation_id = :organisation AND r.programme_id = :programme),
         'sessions', (SELECT json_agg(json_build_object('id', s.id, 'heldOn', s.held_on) ORDER BY s.starts_at, s.id)
                        FROM cohort_sessions s WHERE s.organisation_id = :organisation AND s.cohort_id = :cohort AND s.status = 'scheduled'),
         'enrolments', (SELECT json_agg(x ORDER BY x.name, x.id) FROM (
            SELECT e.id, e.person_id, p.name, e.status,
                   (SELECT json_agg(json_build_object('s', a.session_id, 'v', a.status, 'n', CASE WHEN a.session_id = :sessionId THEN a.note END))
                      FROM attendance a WHERE a.organisation_id = e.organisation_id AND a.enrolment_id = e.id) AS attendance,
                   (SELECT json_agg(json_build_object('w', w.withdrawn_on, 'r', w.readmitted_on)) FROM withdrawals w WHERE w.organisation_id = e.organisation_id AND w.enrolment_id = e.id) AS withdrawals,
                   (SELECT json_agg(json_build_object('a', r.assessment, 'v', r.result)) FROM assessment_results r WHERE r.organisation_id = e.organisation_id AND r.enrolment_id = e.id) AS assessments
              FROM enrolments e JOIN LATERAL (${personRecordSql('e.organisation_id', 'e.person_id')}) p ON true
             WHERE e.organisation_id = :organisation AND e.cohort_id = :cohort AND (:enrolmentIds::uuid[] IS NULL OR e.id = ANY(:enrolmentIds))) x)
       ) AS data`,
      { organisation: cohort.organisationId, cohort: cohort.id, programme: cohort.programmeId, enrolmentIds: options.enrolmentIds ?? null, sessionId: options.sessionId ?? null },
    );
    return {
      rule: data.rule ?? DEFAULT_COMPLETION_RULE,
      sessions: data.sessions ?? [],
      enrolments: (data.enrolments ?? []).map((row) => ({
        enrolmentId: row.id,
        personId: row.person_id,
        name: row.name,
        state: row.status,
        attendance: new Map((row.attendance ?? []).map((a) => [a.s, a.v])),
        withdrawals: (row.withdrawals ?? []).map((w) => ({ withdrawnOn: w.w, readmittedOn: w.r })),
        assessments: new Map((row.assessments ?? []).map((a) => [a.a, a.v])),
        noteAtSession: (row.attendance ?? []).find((a) => a.s === options.sessionId)?.n ?? null,
      })),
    };
  }

  /**
   * Runs the engines. With `register`, that session's attendance is taken from it instead of from
   * what was fetched: a register being saved is evaluated without reading it back.
   */
  evaluate(records: CohortRecords, register?: { sessionId: string; statuses: ReadonlyMap<string, AttendanceStatus> }): CohortProgressResult {
    const { rule, sessions } = records;
    const weekOf = new Map(sessions.map((s, i) => [s.id, i + 1]));
    const enrolments = records.enrolments.map((e): EnrolmentProgress => {
      const attendance = new Map(e.attendance);
      if (register) {
        const status = register.statuses.get(e.enrolmentId);
        if (status) attendance.set(register.sessionId, status);
        else attendance.delete(register.sessionId);
      }
      const record = { state: e.state, attendance, withdrawals: e.withdrawals, assessments: e.assessments };
      const completion = assessCompletion(rule, sessions, record);
      const last = completion.attendance.lastAttended;
      return {
        enrolmentId: e.enrolmentId,
        personId: e.personId,
        name: e.name,
        state: e.state,
        completion,
        risk: assessRisk(rule, sessions, record),
        lastAttendedSession: last ? { ...last, week: weekOf.get(last.id)! } : null,
      };
    });
    return { rule, sessions, enrolments };
  }
}
