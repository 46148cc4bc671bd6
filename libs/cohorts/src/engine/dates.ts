import { addDays } from '@steppingstone/core/calendar';

/* Weekdays of ISO dates (YYYY-MM-DD), free of any time zone: a date is a day, not an instant. */

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The first date on or after `isoDate` that falls on `weekday`. */
export function onOrAfter(isoDate: string, weekday: number): string {
  return addDays(isoDate, (weekday - isoWeekday(isoDate) + 7) % 7);
}
