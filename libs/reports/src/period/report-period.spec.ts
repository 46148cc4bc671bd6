import { todayIn } from '@steppingstone/core';
import { daysIn, describePeriod, presetPeriod, scheduledPeriod } from './report-period';

describe('report periods in the organisation’s calendar', () => {
  it('takes today from the organisation’s time zone, not the server’s', () => {
    const lateEveningUtc = new Date('2026-03-31T23:30:00Z');
    expect(todayIn('Europe/London', lateEveningUtc)).toBe('2026-04-01');
    expect(todayIn('UTC', lateEveningUtc)).toBe('2026-03-31');
    expect(todayIn('America/New_York', lateEveningUtc)).toBe('2026-03-31');
  });

  it('gives last week as Monday to Sunday, whatever day today is', () => {
    expect(presetPeriod('last-week', '2026-03-04')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetPeriod('last-week', '2026-03-02')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetPeriod('last-week', '2026-03-08')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });

  it('gives whole calendar months, across a year end and a leap February', () => {
    expect(presetPeriod('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('month-to-date', '2026-05-09')).toEqual({ from: '2026-05-01', to: '2026-05-09' });
    expect(presetPeriod('last-12-months', '2026-05-09')).toEqual({ from: '2025-05-01', to: '2026-04-30' });
  });

  it('schedules the latest complete week and month', () => {
    expect(scheduledPeriod('weekly', '2026-06-01')).toEqual({ from: '2026-05-25', to: '2026-05-31' });
    expect(scheduledPeriod('monthly', '2026-06-01')).toEqual({ from: '2026-05-01', to: '2026-05-31' });
  });

  it('counts days inclusively and reads like a person would write it', () => {
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(describePeriod({ from: '2026-03-01', to: '2026-03-31' })).toBe('1 March 2026 to 31 March 2026');
  });
});
