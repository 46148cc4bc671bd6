import { dropoutWeek, median, retentionByWeek, share } from './dropout-stats';

const dates = ['2026-03-04', '2026-03-11', '2026-03-18', '2026-03-25'];

describe('drop-out statistics', () => {
  it('dates a drop-out to the first week the person was no longer there for', () => {
    expect(dropoutWeek(dates, '2026-03-01')).toBe(1);
    expect(dropoutWeek(dates, '2026-03-04')).toBe(1);
    expect(dropoutWeek(dates, '2026-03-05')).toBe(2);
    expect(dropoutWeek(dates, '2026-04-30')).toBe(4);
  });

  it('counts a re-admitted person back in from the re-admission date', () => {
    const retention = retentionByWeek(dates, [[], [{ withdrawnOn: '2026-03-10', readmittedOn: '2026-03-18' }], [{ withdrawnOn: '2026-03-12', readmittedOn: null }]]);
    expect(retention).toEqual([3, 2, 2, 2]);
  });

  it('takes the median and the share', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(share(1, 3)).toBe(0.333);
    expect(share(1, 0)).toBe(0);
  });
});
