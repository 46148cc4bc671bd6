/*
 * Quotas from a reference (e.g. the census): each feature's expected count at the panel size, plus
 * or minus a tolerance the coordinator sets. Rounding the minimum down and the maximum up keeps
 * min <= max and guarantees the minimums add up to at most N and the maximums to at least N.
 */
import { Quota } from './types';

export interface QuotaTolerance {
  /** Places either side of the expected count (default 1). */
  people?: number;
  /** A fraction of the expected count either side (e.g. 0.2); the larger of the two applies. */
  fraction?: number;
}

export function quotasFromShares(category: string, shares: ReadonlyMap<string, number> | Readonly<Record<string, number>>, panelSize: number, tolerance: QuotaTolerance = {}): Quota[] {
  const entries = shares instanceof Map ? [...shares.entries()] : Object.entries(shares as Record<string, number>);
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (total <= 0) throw new Error(`The reference for ${category} has no positive shares`);
  return entries.map(([feature, share]) => {
    const expected = (share / total) * panelSize;
    const slack = Math.max(tolerance.people ?? 1, (tolerance.fraction ?? 0) * expected);
    // The epsilon stops 9.000000001 - 1 from rounding down to 7.
    const min = Math.max(0, Math.floor(expected - slack + 1e-9));
    const max = Math.min(panelSize, Math.ceil(expected + slack - 1e-9));
    return { category, feature, min, max: Math.max(min, max) };
  });
}
