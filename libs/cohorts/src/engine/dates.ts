/** Calendar arithmetic on ISO dates (YYYY-MM-DD), free of any time zone: a date is a day, not an instant. */

const DAY_MS = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The first date on or after `isoDate` that falls on `weekday`. */
export function onOrAfter(isoDate: string, weekday: number): string {
  return addDays(isoDate, (weekday - isoWeekday(isoDate) + 7) % 7);
}
