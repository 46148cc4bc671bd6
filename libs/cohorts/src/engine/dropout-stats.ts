import { WithdrawalPeriod, withdrawnOn } from './completion';

/**
 * The definitions behind the drop-out figures, as plain functions. The figures themselves are
 * computed in SQL (figures/dropout-figures.ts) over many cohorts; these state the same rules on one
 * cohort so that they can be tested and read.
 *
 * - Week k is the k-th session held (cancelled ones are not weeks).
 * - Someone is retained after week k when they were not withdrawn on that session's date; a
 *   re-admission counts them back in from its date.
 * - Someone dropped out when their latest withdrawal is still open; their drop-out week is the first
 *   week they were no longer there for (a withdrawal before the first session is week 1, one after
 *   the last session counts as the last week).
 */

export function dropoutWeek(sessionDates: string[], withdrawnOnDate: string): number {
  const before = sessionDates.filter((d) => d < withdrawnOnDate).length;
  return Math.max(1, Math.min(before + 1, sessionDates.length));
}

export function retentionByWeek(sessionDates: string[], enrolments: WithdrawalPeriod[][]): number[] {
  return sessionDates.map((date) => enrolments.filter((periods) => !withdrawnOn(periods, date)).length);
}

/** The middle value, or the mean of the two middle values; null for no values. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A share as a fraction with three decimals (0.333), 0 when there is nobody to share. */
export function share(part: number, whole: number): number {
  return whole ? Math.round((part / whole) * 1000) / 1000 : 0;
}
