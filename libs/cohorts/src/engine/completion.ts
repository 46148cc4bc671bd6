export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export type AssessmentResultValue = 'pass' | 'fail';
export type EnrolmentState = 'enrolled' | 'withdrawn' | 'completed';
export type CompletionStatus = 'on-track' | 'completed' | 'cannot-complete' | 'withdrawn';

export interface CompletionRule {
  minimumAttendancePercent: number;
  requiredAssessments: string[];
  atRiskConsecutiveAbsences: number;
}

export const DEFAULT_COMPLETION_RULE: CompletionRule = { minimumAttendancePercent: 80, requiredAssessments: [], atRiskConsecutiveAbsences: 2 };

/** A session that is held (not cancelled), in the order the course runs. */
export interface HeldSession {
  id: string;
  heldOn: string;
}

export interface WithdrawalPeriod {
  withdrawnOn: string;
  readmittedOn: string | null;
}

export interface EnrolmentRecord {
  state: EnrolmentState;
  attendance: ReadonlyMap<string, AttendanceStatus>;
  withdrawals: WithdrawalPeriod[];
  assessments: ReadonlyMap<string, AssessmentResultValue>;
}

export interface AttendanceSummary {
  /** Sessions the person was enrolled for (not those that fell while they were withdrawn). */
  expected: number;
  attended: number;
  absent: number;
  excused: number;
  unrecorded: number;
  /** Attended out of recorded sessions, excused ones left out; null before anything is recorded. */
  percent: number | null;
  /** The percentage reached by attending every session not yet recorded. */
  bestPossiblePercent: number;
  /** How many of the unrecorded sessions must still be attended to reach the minimum. */
  stillNeeded: number;
  lastAttended: HeldSession | null;
}

export interface Completion {
  status: CompletionStatus;
  eligibleForAward: boolean;
  /** Why the person is not (yet) eligible, in words a trainer can act on. */
  blockers: string[];
  attendance: AttendanceSummary;
  assessments: Array<{ name: string; result: AssessmentResultValue | null }>;
}

/** Whether the person was withdrawn on that date (withdrawn on or before it, not yet re-admitted). */
export function withdrawnOn(periods: WithdrawalPeriod[], date: string): boolean {
  return periods.some((p) => p.withdrawnOn <= date && (p.readmittedOn === null || p.readmittedOn > date));
}

/** The sessions a person was enrolled for, in order, with what was recorded for each. */
export function expectedSessions(sessions: HeldSession[], record: Pick<EnrolmentRecord, 'attendance' | 'withdrawals'>): Array<HeldSession & { status: AttendanceStatus | null }> {
  return sessions.filter((s) => !withdrawnOn(record.withdrawals, s.heldOn) || record.attendance.has(s.id)).map((s) => ({ ...s, status: record.attendance.get(s.id) ?? null }));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summariseAttendance(sessions: HeldSession[], record: Pick<EnrolmentRecord, 'attendance' | 'withdrawals'>, minimumPercent: number): AttendanceSummary {
  const expected = expectedSessions(sessions, record);
  let attended = 0;
  let absent = 0;
  let excused = 0;
  let lastAttended: HeldSession | null = null;
  for (const s of expected) {
    if (s.status === 'present' || s.status === 'late') {
      attended++;
      lastAttended = { id: s.id, heldOn: s.heldOn };
    } else if (s.status === 'absent') absent++;
    else if (s.status === 'excused') excused++;
  }
  const unrecorded = expected.length - attended - absent - excused;
  const countable = expected.length - excused;
  const recorded = attended + absent;
  const stillNeeded = Math.max(0, Math.ceil((minimumPercent * countable) / 100 - attended - 1e-9));
  return {
    expected: expected.length,
    attended,
    absent,
    excused,
    unrecorded,
    percent: recorded ? round1((attended / recorded) * 100) : null,
    bestPossiblePercent: countable ? round1(((attended + unrecorded) / countable) * 100) : 100,
    stillNeeded,
    lastAttended,
  };
}

/**
 * Where an enrolment stands against its programme's rules. Completion is awarded by a trainer;
 * this only says whether the rules allow it, or can no longer be met.
 */
export function assessCompletion(rule: CompletionRule, sessions: HeldSession[], record: EnrolmentRecord): Completion {
  const attendance = summariseAttendance(sessions, record, rule.minimumAttendancePercent);
  const assessments = rule.requiredAssessments.map((name) => ({ name, result: record.assessments.get(name) ?? null }));
  const failed = assessments.filter((a) => a.result === 'fail').map((a) => a.name);
  const outstanding = assessments.filter((a) => a.result === null).map((a) => a.name);

  const impossible: string[] = [];
  if (attendance.stillNeeded > attendance.unrecorded) {
    impossible.push(`attendance can reach at most ${attendance.bestPossiblePercent}%, below the ${rule.minimumAttendancePercent}% minimum`);
  }
  if (failed.length) impossible.push(`failed ${failed.join(', ')}`);

  const blockers = [...impossible];
  if (!impossible.length) {
    if (attendance.unrecorded) blockers.push(`${attendance.unrecorded} session(s) still to be recorded`);
    if (outstanding.length) blockers.push(`no result yet for ${outstanding.join(', ')}`);
  }
  if (record.state === 'withdrawn') blockers.unshift('withdrawn from the cohort');

  const status: CompletionStatus = record.state === 'completed' ? 'completed' : record.state === 'withdrawn' ? 'withdrawn' : impossible.length ? 'cannot-complete' : 'on-track';
  return { status, eligibleForAward: record.state === 'enrolled' && blockers.length === 0, blockers: record.state === 'completed' ? [] : blockers, attendance, assessments };
}
