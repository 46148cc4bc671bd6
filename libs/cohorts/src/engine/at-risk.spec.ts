import { assessRisk } from './at-risk';
import { AttendanceStatus, CompletionRule, EnrolmentRecord, HeldSession } from './completion';

const sessions: HeldSession[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, heldOn: `2026-04-${String(i + 1).padStart(2, '0')}` }));
const rule: CompletionRule = { minimumAttendancePercent: 75, requiredAssessments: [], atRiskConsecutiveAbsences: 2 };

function record(statuses: Array<AttendanceStatus | null>, state: EnrolmentRecord['state'] = 'enrolled'): EnrolmentRecord {
  const attendance = new Map<string, AttendanceStatus>();
  statuses.forEach((s, i) => s && attendance.set(`s${i + 1}`, s));
  return { state, attendance, withdrawals: [], assessments: new Map() };
}

describe('assessRisk', () => {
  it('flags two absences in a row, on the later session', () => {
    expect(assessRisk(rule, sessions, record(['present', 'absent']))).toEqual([]);
    const flags = assessRisk(rule, sessions, record(['present', 'absent', 'absent']));
    expect(flags).toEqual([expect.objectContaining({ reason: 'consecutive-absences', sessionId: 's3', details: { consecutiveAbsences: 2 } })]);
  });

  it('lets an excused session neither break nor extend the run, and a late arrival break it', () => {
    expect(assessRisk(rule, sessions, record(['absent', 'excused', 'absent']))[0]).toMatchObject({ reason: 'consecutive-absences', sessionId: 's3' });
    expect(assessRisk(rule, sessions, record(['absent', 'late', 'absent']))).toEqual([]);
  });

  it('follows the programme rule for how many absences in a row', () => {
    expect(assessRisk({ ...rule, atRiskConsecutiveAbsences: 3 }, sessions, record(['absent', 'absent']))).toEqual([]);
  });

  it('flags attendance below the minimum once no absence is left to spare', () => {
    // 3 of 12 may be missed at 75%: after absences in weeks 1, 3 and 5 every remaining session is needed.
    const flags = assessRisk(rule, sessions, record(['absent', 'present', 'absent', 'present', 'absent']));
    expect(flags).toEqual([expect.objectContaining({ reason: 'attendance-below-minimum', details: { percent: 40, minimum: 75, stillNeeded: 7, remaining: 7 } })]);
    expect(assessRisk(rule, sessions, record(['absent', 'present', 'absent', 'present']))).toEqual([]);
  });

  it('says in plain words whether the minimum can still be reached', () => {
    const [spare] = assessRisk(rule, sessions, record(['absent', 'present', 'absent', 'present', 'absent']));
    expect(spare.message).toBe('attendance 40% is below the 75% minimum and every one of the 7 sessions left must be attended');
    // A fourth absence: 9 of 12 must be attended, 2 have been, and 7 more cannot fit in the 6 left.
    const lost = assessRisk(rule, sessions, record(['absent', 'present', 'absent', 'present', 'absent', 'absent'])).find((f) => f.reason === 'attendance-below-minimum')!;
    expect(lost.details).toMatchObject({ stillNeeded: 7, remaining: 6 });
    expect(lost.message).toBe('attendance 33.3% is below the 75% minimum and can no longer be reached (7 more sessions would be needed, and only 6 sessions are left)');
  });

  it('does not flag people who have withdrawn or completed', () => {
    expect(assessRisk(rule, sessions, record(['absent', 'absent'], 'withdrawn'))).toEqual([]);
  });
});
