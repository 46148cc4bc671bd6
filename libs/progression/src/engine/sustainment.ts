import { addDays } from '@steppingstone/core/calendar';

/** Sustainment checks fall 13 and 26 weeks after a job starts. Dates are calendar dates, YYYY-MM-DD. */

export const SUSTAINMENT_WEEKS = [13, 26] as const;
export type SustainmentWeek = (typeof SUSTAINMENT_WEEKS)[number];
export const SUSTAINMENT_RESULTS = ['sustained', 'not-sustained', 'unknown'] as const;
export type SustainmentResult = (typeof SUSTAINMENT_RESULTS)[number];

/** A check not recorded within this many days of falling due is overdue. */
export const CHECK_GRACE_DAYS = 14;

export interface SustainmentCheckView {
  week: SustainmentWeek;
  dueOn: string;
  result: SustainmentResult | null;
  checkedOn: string | null;
  note: string | null;
  state: 'recorded' | 'upcoming' | 'due' | 'overdue';
}

export function checkDueOn(startsOn: string, week: SustainmentWeek): string {
  return addDays(startsOn, week * 7);
}

export function sustainmentChecks(
  startsOn: string,
  recorded: ReadonlyArray<{ week: number; result: SustainmentResult; checkedOn: string; note: string | null }>,
  today: string,
): SustainmentCheckView[] {
  return SUSTAINMENT_WEEKS.map((week) => {
    const dueOn = checkDueOn(startsOn, week);
    const check = recorded.find((r) => r.week === week);
    if (check) return { week, dueOn, result: check.result, checkedOn: check.checkedOn, note: check.note, state: 'recorded' as const };
    const state = dueOn > today ? 'upcoming' : addDays(dueOn, CHECK_GRACE_DAYS) < today ? 'overdue' : 'due';
    return { week, dueOn, result: null, checkedOn: null, note: null, state };
  });
}

/**
 * Whether a check may be recorded on `checkedOn`: only once it has fallen due, except that a job
 * which ended before then is known not to have been sustained.
 */
export function checkRecordable(job: { startsOn: string; endedOn: string | null }, week: SustainmentWeek, result: SustainmentResult, checkedOn: string): string | null {
  const dueOn = checkDueOn(job.startsOn, week);
  if (checkedOn >= dueOn) return null;
  if (result === 'not-sustained' && job.endedOn !== null && job.endedOn < dueOn) return null;
  return `the ${week}-week check falls due on ${dueOn}; it cannot be recorded on ${checkedOn}`;
}
