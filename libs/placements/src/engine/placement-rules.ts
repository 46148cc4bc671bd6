import { addDays, daysBetween } from '@steppingstone/core/calendar';

/*
 * The rules of placements as plain functions over dates written YYYY-MM-DD (calendar dates, so no
 * time zone enters): which status changes are allowed, when two placements clash, and when
 * supervision and reviews fall due.
 */

export const PLACEMENT_STATUSES = ['proposed', 'active', 'paused', 'ended-early', 'completed'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Requirements a coordinator can set on an opportunity; the first is checked before a placement goes active. */
/**
 * Requirements a coordinator can set on an opportunity. Lone working needs a risk assessment before
 * the placement goes active; the checks (see CHECK_REQUIREMENTS) must be held valid by the person
 * before they are placed at all.
 */
export const OPPORTUNITY_REQUIREMENTS = [
  'lone-working-risk-assessment',
  'dbs-check',
  'references',
  'completed-training',
  'driving-licence',
  'enhanced-dbs-check',
  'enhanced-dbs-barred-list-check',
  'right-to-work',
  'safeguarding-training',
] as const;
export type OpportunityRequirement = (typeof OPPORTUNITY_REQUIREMENTS)[number];

/** Ended-early and completed are final: a placement that restarts is a new placement, so history stays true. */
const NEXT: Record<PlacementStatus, PlacementStatus[]> = {
  proposed: ['active', 'ended-early'],
  active: ['paused', 'ended-early', 'completed'],
  paused: ['active', 'ended-early', 'completed'],
  'ended-early': [],
  completed: [],
};

export function mayMove(from: PlacementStatus, to: PlacementStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses that hold a person's time: two of these may not overlap unless both are part-time-compatible. */
export const LIVE_STATUSES: readonly PlacementStatus[] = ['active', 'paused'];

export interface DatedPlacement {
  id: string;
  startsOn: string;
  plannedEndOn: string;
  endedOn: string | null;
  partTimeCompatible: boolean;
}

/** The last day a placement takes up: the day it ended, or its planned end while it runs. */
export function lastDayOf(p: Pick<DatedPlacement, 'plannedEndOn' | 'endedOn'>): string {
  return p.endedOn ?? p.plannedEndOn;
}

/** Inclusive date ranges that share at least one day, unless both sides are marked part-time-compatible. */
export function clashes(a: DatedPlacement, b: DatedPlacement): boolean {
  if (a.id === b.id) return false;
  if (a.partTimeCompatible && b.partTimeCompatible) return false;
  return a.startsOn <= lastDayOf(b) && b.startsOn <= lastDayOf(a);
}

export interface SupervisionDue {
  intervalDays: number;
  lastHeldOn: string | null;
  /** Null once the placement has ended: nothing more falls due. */
  nextDueOn: string | null;
  overdue: boolean;
}

/**
 * Supervision falls due one interval after the last session, or after the start when none has been
 * held; it stops being due once the placement is over.
 */
export function supervisionDue(placement: { startsOn: string; status: PlacementStatus; supervisionIntervalDays: number }, lastHeldOn: string | null, today: string): SupervisionDue {
  const over = placement.status === 'completed' || placement.status === 'ended-early';
  const nextDueOn = over ? null : addDays(lastHeldOn && lastHeldOn > placement.startsOn ? lastHeldOn : placement.startsOn, placement.supervisionIntervalDays);
  return { intervalDays: placement.supervisionIntervalDays, lastHeldOn, nextDueOn, overdue: nextDueOn !== null && nextDueOn < today };
}

export interface ReviewPoint {
  week: number;
  dueOn: string;
  heldOn: string | null;
  outcome: string | null;
  state: 'held' | 'due' | 'overdue' | 'upcoming' | 'not-reached';
}

/** The placement's set review points (weeks after the start), each with its record when held. */
export function reviewPoints(
  placement: { startsOn: string; plannedEndOn: string; endedOn: string | null; reviewWeeks: number[] },
  held: ReadonlyMap<number, { heldOn: string; outcome: string }>,
  today: string,
): ReviewPoint[] {
  const last = lastDayOf(placement);
  return [...new Set(placement.reviewWeeks)]
    .sort((a, b) => a - b)
    .map((week) => {
      const dueOn = addDays(placement.startsOn, week * 7);
      const record = held.get(week);
      if (record) return { week, dueOn, heldOn: record.heldOn, outcome: record.outcome, state: 'held' as const };
      const state = dueOn > last ? 'not-reached' : dueOn < today ? 'overdue' : daysBetween(today, dueOn) <= 7 ? 'due' : 'upcoming';
      return { week, dueOn, heldOn: null, outcome: null, state };
    });
}

/** Problems with a placement's dates, as field messages; empty when they make sense. */
export function dateProblems(p: { startsOn: string; plannedEndOn: string; endedOn?: string | null }): Array<{ field: string; rule: string; message: string }> {
  const problems: Array<{ field: string; rule: string; message: string }> = [];
  if (p.plannedEndOn < p.startsOn) problems.push({ field: 'plannedEndOn', rule: 'afterStart', message: `plannedEndOn (${p.plannedEndOn}) must not be before startsOn (${p.startsOn})` });
  if (p.endedOn && p.endedOn < p.startsOn) problems.push({ field: 'endedOn', rule: 'afterStart', message: `endedOn (${p.endedOn}) must not be before startsOn (${p.startsOn})` });
  return problems;
}
