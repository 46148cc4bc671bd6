import { addDays, daysBetween } from '@steppingstone/core';

/*
 * Report periods are calendar dates in the organisation's time zone: "last month" for an
 * organisation in London is not the same instant range as for one in another zone, and a weekly
 * report covers Monday to Sunday as people there lived it.
 */

export const PERIOD_PRESETS = ['last-week', 'last-month', 'month-to-date', 'last-12-months'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface ReportPeriod {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

function firstOfMonth(isoDate: string, monthsLater = 0): string {
  const [year, month] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + monthsLater, 1)).toISOString().slice(0, 10);
}

/** The period a preset names, seen from `today` in the organisation's calendar. */
export function presetPeriod(preset: PeriodPreset, today: string): ReportPeriod {
  switch (preset) {
    case 'last-week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      const thisMonday = addDays(today, -weekday);
      return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
    }
    case 'last-month':
      return { from: firstOfMonth(today, -1), to: addDays(firstOfMonth(today), -1) };
    case 'month-to-date':
      return { from: firstOfMonth(today), to: today };
    case 'last-12-months':
      return { from: firstOfMonth(today, -12), to: addDays(firstOfMonth(today), -1) };
  }
}

export type ScheduledKind = 'weekly' | 'monthly';

/** The latest complete period of a scheduled report: last week on Mondays onwards, last month from the 1st. */
export function scheduledPeriod(kind: ScheduledKind, today: string): ReportPeriod {
  return presetPeriod(kind === 'weekly' ? 'last-week' : 'last-month', today);
}

export function daysIn(period: ReportPeriod): number {
  return daysBetween(period.from, period.to) + 1;
}

/** "1 March 2026 to 31 March 2026", as a person reads it. */
export function describePeriod(period: ReportPeriod): string {
  const format = (d: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  return period.from === period.to ? format(period.from) : `${format(period.from)} to ${format(period.to)}`;
}
