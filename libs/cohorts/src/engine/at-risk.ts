import { CompletionRule, EnrolmentRecord, expectedSessions, HeldSession, summariseAttendance } from './completion';

export type RiskReason = 'consecutive-absences' | 'attendance-below-minimum';

export interface RiskFlag {
  reason: RiskReason;
  /** The last recorded session the flag is based on: one event per person, session and reason. */
  sessionId: string;
  message: string;
  details: Record<string, number>;
}

/**
 * The early-warning rule: the last N recorded sessions all absences (excused ones neither break nor
 * extend the run, a late arrival breaks it), or attendance below the minimum with no absence left to
 * spare (every remaining session must be attended, or the minimum is already out of reach).
 * Only people still enrolled are flagged.
 */
export function assessRisk(rule: CompletionRule, sessions: HeldSession[], record: EnrolmentRecord): RiskFlag[] {
  if (record.state !== 'enrolled') return [];
  const recorded = expectedSessions(sessions, record).filter((s) => s.status !== null && s.status !== 'excused');
  if (!recorded.length) return [];
  const last = recorded[recorded.length - 1];
  const flags: RiskFlag[] = [];

  let run = 0;
  for (let i = recorded.length - 1; i >= 0 && recorded[i].status === 'absent'; i--) run++;
  if (run >= rule.atRiskConsecutiveAbsences) {
    flags.push({ reason: 'consecutive-absences', sessionId: last.id, message: `absent from the last ${run} sessions`, details: { consecutiveAbsences: run } });
  }

  const attendance = summariseAttendance(sessions, record, rule.minimumAttendancePercent);
  if (attendance.percent !== null && attendance.percent < rule.minimumAttendancePercent && attendance.stillNeeded >= attendance.unrecorded) {
    flags.push({
      reason: 'attendance-below-minimum',
      sessionId: last.id,
      message: `attendance ${attendance.percent}% is below the ${rule.minimumAttendancePercent}% minimum and ${stillToReach(attendance.stillNeeded, attendance.unrecorded)}`,
      details: { percent: attendance.percent, minimum: rule.minimumAttendancePercent, stillNeeded: attendance.stillNeeded, remaining: attendance.unrecorded },
    });
  }
  return flags;
}

/** What is left of the minimum, in words a trainer reads aloud: never "7 of the 6 remaining". */
function stillToReach(needed: number, remaining: number): string {
  if (needed > remaining)
    return `can no longer be reached (${needed} more ${needed === 1 ? 'session' : 'sessions'} would be needed, and ${remaining === 0 ? 'none is' : `only ${sessions(remaining)} ${remaining === 1 ? 'is' : 'are'}`} left)`;
  if (remaining === 1) return 'the last session must be attended';
  return `every one of the ${sessions(remaining)} left must be attended`;
}

function sessions(n: number): string {
  return n === 1 ? '1 session' : `${n} sessions`;
}
