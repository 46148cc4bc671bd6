import { equityGroup, funnelStages, rateOf, StageCounts } from './funnel';
import { checkRecordable, sustainmentChecks } from './sustainment';

const reported: StageCounts = { registered: 110, completedTraining: 75, startedPlacement: 50, enteredEmployment: 27, sustained26Weeks: 20 };

describe('funnel', () => {
  it('gives each stage its conversion from the previous stage and from registration', () => {
    const stages = funnelStages(reported);
    expect(stages.map((s) => s.count)).toEqual([110, 75, 50, 27, 20]);
    expect(stages.map((s) => s.fromPrevious?.percent ?? null)).toEqual([null, 68.2, 66.7, 54, 74.1]);
    expect(stages[3].fromRegistered).toEqual({ rate: 0.2455, percent: 24.5 });
  });

  it('has no rate where nobody reached the stage before', () => {
    expect(rateOf(0, 0)).toEqual({ rate: null, percent: null });
    expect(funnelStages({ registered: 0, completedTraining: 0, startedPlacement: 0, enteredEmployment: 0, sustained26Weeks: 0 })[1].fromPrevious).toEqual({ rate: null, percent: null });
  });
});

describe('equity funnel', () => {
  it('flags a group whose conversion is below four-fifths of the overall rate', () => {
    const group = equityGroup('Black', false, { registered: 30, completedTraining: 15, startedPlacement: 10, enteredEmployment: 3, sustained26Weeks: 2 }, reported);
    const training = group.stepComparisons[0];
    expect(training).toMatchObject({ from: 'registered', to: 'completedTraining', groupRate: { percent: 50 }, overallRate: { percent: 68.2 }, ratio: 0.73, flag: 'shortfall' });
    expect(group.stepComparisons[1].flag).toBe('ok');
    expect(group.overallComparisons.find((c) => c.to === 'enteredEmployment')).toMatchObject({ flag: 'shortfall', ratio: 0.41 });
    expect(group.flagged).toBe(true);
    expect(group.shortfalls[0]).toBe('Registered → Completed training: 50% against 68.2% overall (0.73 of the overall rate)');
  });

  it('does not flag a group at exactly four-fifths, nor judge a group too small', () => {
    const overall = { registered: 100, completedTraining: 50, startedPlacement: 50, enteredEmployment: 50, sustained26Weeks: 50 };
    expect(equityGroup('A', false, { registered: 10, completedTraining: 4, startedPlacement: 4, enteredEmployment: 4, sustained26Weeks: 4 }, overall).stepComparisons[0].flag).toBe('ok');
    const small = equityGroup('Prefer not to say', true, { registered: 4, completedTraining: 0, startedPlacement: 0, enteredEmployment: 0, sustained26Weeks: 0 }, overall);
    expect(small.stepComparisons[0].flag).toBe('too-few-to-judge');
    expect(small.flagged).toBe(false);
    expect(small.undisclosed).toBe(true);
  });
});

describe('sustainment checks', () => {
  it('fall due 13 and 26 weeks after the start, and are overdue two weeks later', () => {
    const checks = sustainmentChecks('2026-01-05', [{ week: 13, result: 'sustained', checkedOn: '2026-04-07', note: null }], '2026-07-25');
    expect(checks.map((c) => [c.week, c.dueOn, c.state])).toEqual([
      [13, '2026-04-06', 'recorded'],
      [26, '2026-07-06', 'overdue'],
    ]);
  });

  it('may not be recorded early, unless the job ended before the check fell due', () => {
    expect(checkRecordable({ startsOn: '2026-01-05', endedOn: null }, 26, 'sustained', '2026-07-05')).toMatch(/falls due on 2026-07-06/);
    expect(checkRecordable({ startsOn: '2026-01-05', endedOn: null }, 26, 'sustained', '2026-07-06')).toBeNull();
    expect(checkRecordable({ startsOn: '2026-01-05', endedOn: '2026-03-01' }, 26, 'not-sustained', '2026-03-02')).toBeNull();
  });
});
