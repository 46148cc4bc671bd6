import type { ErrorDetail } from '@steppingstone/core';
import { addDays } from '@steppingstone/core/calendar';
import { onOrAfter } from './dates';

export type ScheduleExceptionAction = 'skip' | 'cancel' | 'move';

export interface ScheduleException {
  /** The regular weekly date the exception applies to. */
  date: string;
  action: ScheduleExceptionAction;
  /** For a move: the new local date and time. */
  toDate?: string;
  toTime?: string;
  note?: string;
}

export interface ScheduleRequest {
  /** Sessions start on the first `weekday` on or after this date. */
  firstDate: string;
  /** ISO weekday: Monday 1 … Sunday 7. */
  weekday: number;
  /** How many sessions are held; skipped and cancelled weeks push the course on by a week. */
  sessions: number;
  startTime: string;
  durationMinutes: number;
  venue: string | null;
  exceptions: ScheduleException[];
}

export interface PlannedSession {
  localDate: string;
  localTime: string;
  durationMinutes: number;
  venue: string | null;
  status: 'scheduled' | 'cancelled';
  note: string | null;
}

export type SchedulePlan = { sessions: PlannedSession[]; problems: [] } | { sessions: []; problems: ErrorDetail[] };

/**
 * A weekly schedule with its exceptions. Every exception must name a date the weekly pattern
 * reaches; one that does not is almost always a typo, so it is refused rather than ignored.
 */
export function planSchedule(request: ScheduleRequest): SchedulePlan {
  const problems: ErrorDetail[] = [];
  const byDate = new Map<string, { exception: ScheduleException; index: number }>();
  request.exceptions.forEach((exception, index) => {
    if (byDate.has(exception.date)) problems.push({ field: `exceptions.${index}.date`, rule: 'unique', message: `exceptions.${index}.date ${exception.date} appears twice` });
    byDate.set(exception.date, { exception, index });
    if (exception.action === 'move' && (!exception.toDate || !exception.toTime)) {
      problems.push({ field: `exceptions.${index}.toDate`, rule: 'required', message: `exceptions.${index} moves a session, so it needs toDate and toTime` });
    }
  });

  const sessions: PlannedSession[] = [];
  const used = new Set<string>();
  let date = onOrAfter(request.firstDate, request.weekday);
  let held = 0;
  // Each exception can add at most one week, so the loop always ends.
  for (let week = 0; held < request.sessions && week < request.sessions + request.exceptions.length; week++, date = addDays(date, 7)) {
    const found = byDate.get(date);
    const base = { localDate: date, localTime: request.startTime, durationMinutes: request.durationMinutes, venue: request.venue, status: 'scheduled' as const, note: null };
    if (!found) {
      sessions.push(base);
      held++;
      continue;
    }
    used.add(date);
    const { exception } = found;
    if (exception.action === 'skip') continue;
    if (exception.action === 'cancel') sessions.push({ ...base, status: 'cancelled', note: exception.note ?? null });
    else {
      sessions.push({ ...base, localDate: exception.toDate ?? date, localTime: exception.toTime ?? request.startTime, note: exception.note ?? null });
      held++;
    }
  }

  for (const [exceptionDate, { index }] of byDate) {
    if (!used.has(exceptionDate)) {
      problems.push({ field: `exceptions.${index}.date`, rule: 'onSchedule', message: `exceptions.${index}.date ${exceptionDate} is not one of the schedule's weekly dates` });
    }
  }
  if (problems.length) return { sessions: [], problems };
  return { sessions, problems: [] };
}
