import { addDays } from '@steppingstone/core/calendar';
import { clashes, dateProblems, mayMove, reviewPoints, supervisionDue } from './placement-rules';

const placement = (id: string, startsOn: string, plannedEndOn: string, extra: Partial<{ endedOn: string | null; partTimeCompatible: boolean }> = {}) => ({
  id,
  startsOn,
  plannedEndOn,
  endedOn: null,
  partTimeCompatible: false,
  ...extra,
});

describe('placement rules', () => {
  it('finds clashes between inclusive date ranges, and lets two part-time-compatible placements share days', () => {
    expect(clashes(placement('a', '2026-01-01', '2026-03-31'), placement('b', '2026-03-31', '2026-06-30'))).toBe(true);
    expect(clashes(placement('a', '2026-01-01', '2026-03-31'), placement('b', '2026-04-01', '2026-06-30'))).toBe(false);
    expect(clashes(placement('a', '2026-01-01', '2026-06-30', { endedOn: '2026-02-01' }), placement('b', '2026-03-01', '2026-04-30'))).toBe(false);
    expect(clashes(placement('a', '2026-01-01', '2026-06-30', { partTimeCompatible: true }), placement('b', '2026-03-01', '2026-04-30'))).toBe(true);
    expect(clashes(placement('a', '2026-01-01', '2026-06-30', { partTimeCompatible: true }), placement('b', '2026-03-01', '2026-04-30', { partTimeCompatible: true }))).toBe(false);
  });

  it('allows only forward status changes; ended placements stay ended', () => {
    expect(mayMove('proposed', 'active')).toBe(true);
    expect(mayMove('paused', 'active')).toBe(true);
    expect(mayMove('completed', 'active')).toBe(false);
    expect(mayMove('proposed', 'completed')).toBe(false);
  });

  it('derives the next supervision from the last one held, or from the start', () => {
    const p = { startsOn: '2026-01-05', status: 'active' as const, supervisionIntervalDays: 14 };
    expect(supervisionDue(p, null, '2026-01-10')).toEqual({ intervalDays: 14, lastHeldOn: null, nextDueOn: '2026-01-19', overdue: false });
    expect(supervisionDue(p, '2026-02-02', '2026-02-20')).toEqual({ intervalDays: 14, lastHeldOn: '2026-02-02', nextDueOn: '2026-02-16', overdue: true });
    expect(supervisionDue({ ...p, status: 'completed' }, '2026-02-02', '2026-02-20').nextDueOn).toBeNull();
  });

  it('places reviews at set weeks and says which are held, due or beyond the end', () => {
    const points = reviewPoints(
      { startsOn: '2026-01-05', plannedEndOn: '2026-03-01', endedOn: null, reviewWeeks: [12, 6, 6] },
      new Map([[6, { heldOn: '2026-02-16', outcome: 'continue' }]]),
      '2026-02-20',
    );
    expect(points.map((p) => [p.week, p.dueOn, p.state])).toEqual([
      [6, '2026-02-16', 'held'],
      [12, '2026-03-30', 'not-reached'],
    ]);
  });

  it('refuses an end before the start', () => {
    expect(dateProblems({ startsOn: '2026-02-01', plannedEndOn: '2026-01-31' }).map((p) => p.field)).toEqual(['plannedEndOn']);
    expect(dateProblems({ startsOn: '2026-02-01', plannedEndOn: '2026-02-01' })).toEqual([]);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
