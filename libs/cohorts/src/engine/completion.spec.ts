import { AssessmentResultValue, AttendanceStatus, assessCompletion, CompletionRule, EnrolmentRecord, HeldSession, WithdrawalPeriod } from './completion';

const sessions: HeldSession[] = Array.from({ length: 10 }, (_, i) => ({ id: `s${i + 1}`, heldOn: `2026-03-${String(i + 10).padStart(2, '0')}` }));
const rule: CompletionRule = { minimumAttendancePercent: 80, requiredAssessments: ['Level 2 Peer Mentoring'], atRiskConsecutiveAbsences: 2 };

function record(statuses: Array<AttendanceStatus | null>, extra: Partial<{ state: EnrolmentRecord['state']; withdrawals: WithdrawalPeriod[]; result: AssessmentResultValue }> = {}): EnrolmentRecord {
  const attendance = new Map<string, AttendanceStatus>();
  statuses.forEach((s, i) => s && attendance.set(`s${i + 1}`, s));
  return { state: extra.state ?? 'enrolled', attendance, withdrawals: extra.withdrawals ?? [], assessments: new Map(extra.result ? [['Level 2 Peer Mentoring', extra.result]] : []) };
}

describe('assessCompletion', () => {
  it('is on track with sessions still to come and attendance within reach', () => {
    const c = assessCompletion(rule, sessions, record(['present', 'late', 'absent']));
    expect(c.status).toBe('on-track');
    expect(c.attendance).toMatchObject({ attended: 2, absent: 1, unrecorded: 7, percent: 66.7, bestPossiblePercent: 90, stillNeeded: 6 });
    expect(c.eligibleForAward).toBe(false);
  });

  it('cannot complete once three of ten sessions are missed against an 80% minimum', () => {
    const c = assessCompletion(rule, sessions, record(['absent', 'absent', 'absent']));
    expect(c.status).toBe('cannot-complete');
    expect(c.blockers[0]).toContain('at most 70%');
  });

  it('leaves excused sessions out of the percentage', () => {
    const c = assessCompletion(rule, sessions, record(['present', 'excused', 'excused', 'present', 'present', 'present', 'present', 'absent', 'present', 'present'], { result: 'pass' }));
    expect(c.attendance.percent).toBe(87.5);
    expect(c.eligibleForAward).toBe(true);
  });

  it('cannot complete after a failed required assessment', () => {
    expect(assessCompletion(rule, sessions, record(Array(10).fill('present'), { result: 'fail' })).status).toBe('cannot-complete');
  });

  it('is eligible only with every session recorded and every assessment passed', () => {
    expect(assessCompletion(rule, sessions, record(Array(10).fill('present'))).blockers).toEqual(['no result yet for Level 2 Peer Mentoring']);
    expect(assessCompletion(rule, sessions, record(Array(10).fill('present'), { result: 'pass' })).eligibleForAward).toBe(true);
  });

  it('does not count sessions that fell while the person was withdrawn', () => {
    const statuses: Array<AttendanceStatus | null> = ['present', 'present', null, null, 'present', 'present', 'present', 'present', 'present', 'present'];
    const c = assessCompletion(rule, sessions, record(statuses, { withdrawals: [{ withdrawnOn: '2026-03-12', readmittedOn: '2026-03-14' }], result: 'pass' }));
    expect(c.attendance).toMatchObject({ expected: 8, attended: 8, percent: 100, unrecorded: 0 });
    expect(c.eligibleForAward).toBe(true);
  });

  it('reports withdrawn and completed enrolments as such', () => {
    expect(assessCompletion(rule, sessions, record(['present'], { state: 'withdrawn', withdrawals: [{ withdrawnOn: '2026-03-11', readmittedOn: null }] })).status).toBe('withdrawn');
    const done = assessCompletion(rule, sessions, record(Array(10).fill('present'), { state: 'completed', result: 'pass' }));
    expect(done).toMatchObject({ status: 'completed', eligibleForAward: false, blockers: [] });
    expect(done.attendance.lastAttended).toEqual({ id: 's10', heldOn: '2026-03-19' });
  });
});
