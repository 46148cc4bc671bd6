import { offsetMinutes, wallClock } from './session-reminders/zoned-time';

/** No reminder goes out before this hour on the organisation's clock. */
export const EARLIEST_SEND_HOUR = 8;

/**
 * When a reminder may go out: not before 08:00 (organisation's time) on the day it falls due, and
 * never in the small hours. Due dates begin at midnight, so a reconcile that finds a reminder at
 * 00:15 (or catches one up at 03:00 after an outage) holds it until 08:00 rather than dropping it.
 */
export function earliestSend(at: Date, dueOn: string, timeZone: string): Date {
  const dueMorning = localInstant(dueOn, EARLIEST_SEND_HOUR, timeZone);
  const candidate = at.getTime() < dueMorning.getTime() ? dueMorning : at;
  const local = wallClock(candidate, timeZone);
  if (local.hour >= EARLIEST_SEND_HOUR) return candidate;
  const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  return localInstant(date, EARLIEST_SEND_HOUR, timeZone);
}

/** How long BullMQ should hold the job, from `now`. */
export function sendDelay(at: Date, dueOn: string, timeZone: string, now = Date.now()): number {
  return Math.max(0, earliestSend(at, dueOn, timeZone).getTime() - now);
}

/** The instant a wall clock in `timeZone` shows `hour`:00 on `isoDate`. */
export function localInstant(isoDate: string, hour: number, timeZone: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour);
  // The offset at the guess, then at the corrected instant: right either side of a clock change.
  const first = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  return new Date(wall - offsetMinutes(new Date(first), timeZone) * 60_000);
}
