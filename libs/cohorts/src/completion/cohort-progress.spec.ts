import { registerLines } from '../attendance/register-view';
import { AttendanceStatus } from '../engine/completion';
import { CohortSession } from '../entities/session.entity';
import { CohortProgress, CohortRecords } from './cohort-progress';

const sessions = ['2026-03-04', '2026-03-11', '2026-03-18'].map((heldOn, i) => ({ id: `s${i + 1}`, heldOn }));

function records(): CohortRecords {
  const person = (n: number, attendance: Array<[string, AttendanceStatus]>, withdrawals = [] as CohortRecords['enrolments'][number]['withdrawals']) => ({
    enrolmentId: `e${n}`,
    personId: `p${n}`,
    name: `Learner ${n}`,
    state: withdrawals.some((w) => w.readmittedOn === null) ? ('withdrawn' as const) : ('enrolled' as const),
    attendance: new Map(attendance),
    withdrawals,
    assessments: new Map(),
    noteAtSession: null,
  });
  return {
    rule: { minimumAttendancePercent: 80, requiredAssessments: [], atRiskConsecutiveAbsences: 2 },
    sessions,
    enrolments: [
      person(1, [
        ['s1', 'present'],
        ['s2', 'absent'],
      ]),
      person(2, [['s1', 'present']], [{ withdrawnOn: '2026-03-10', readmittedOn: null }]),
    ],
  };
}

describe('CohortProgress.evaluate', () => {
  it('evaluates a register being saved in place of the stored one', () => {
    const progress = new CohortProgress();
    expect(progress.evaluate(records()).enrolments[0].risk.map((f) => f.reason)).toEqual(['attendance-below-minimum']);
    const saved = progress.evaluate(records(), { sessionId: 's3', statuses: new Map([['e1', 'absent']]) });
    expect(saved.enrolments[0].risk.map((f) => f.reason)).toEqual(['consecutive-absences', 'attendance-below-minimum']);
    expect(saved.enrolments[0].risk[0].sessionId).toBe('s3');
    const cleared = progress.evaluate(records(), { sessionId: 's2', statuses: new Map() });
    expect(cleared.enrolments[0].completion.attendance).toMatchObject({ attended: 1, absent: 0, unrecorded: 2 });
  });

  it('lists on a register who had withdrawn by the session date', () => {
    const lines = registerLines(records(), { id: 's2', heldOn: '2026-03-11' } as CohortSession);
    expect(lines.map((l) => [l.personId, l.withdrawn, l.status])).toEqual([
      ['p1', false, 'absent'],
      ['p2', true, null],
    ]);
  });
});
