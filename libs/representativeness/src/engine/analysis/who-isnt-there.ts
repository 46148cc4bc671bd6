/*
 * "Who isn't there": the largest shortfalls in people across dimensions, and how many more
 * applicants of each group recruitment would need for the group to fill its share of the places.
 */
import { DimensionGap, RepresentationFlag } from './gap-analysis';

export interface Shortfall {
  dimension: string;
  category: string;
  count: number;
  expectedCount: number;
  /** People missing against the reference at the population's disclosed size (always > 0). */
  shortfall: number;
  representationRatio: number | null;
  flag: RepresentationFlag;
  referenceShare: number;
  /** Expected count at `capacity` minus the current count, rounded up, at least 0. */
  neededAtCapacity: number;
}

export interface WhoIsntThereOptions {
  /** The intake's capacity (places); defaults to the disclosed population size of each dimension. */
  capacity?: number;
  /** Keep only the first `limit` entries. */
  limit?: number;
  /** Ignore shortfalls smaller than this many people (default: any shortfall). */
  minimumShortfall?: number;
}

export function whoIsntThere(dimensions: readonly DimensionGap[], options: WhoIsntThereOptions = {}): Shortfall[] {
  const minimum = options.minimumShortfall ?? 0;
  const entries: Shortfall[] = [];
  for (const dimension of dimensions) {
    const capacity = options.capacity ?? dimension.disclosed;
    for (const c of dimension.categories) {
      const shortfall = -c.seatGap;
      if (shortfall <= 1e-9 || shortfall < minimum) continue;
      entries.push({
        dimension: dimension.dimension,
        category: c.category,
        count: c.count,
        expectedCount: c.expectedCount,
        shortfall,
        representationRatio: c.representationRatio,
        flag: c.flag,
        referenceShare: c.referenceShare,
        // The tiny epsilon keeps an exact whole number from rounding up through floating-point noise.
        neededAtCapacity: Math.max(0, Math.ceil(c.referenceShare * capacity - c.count - 1e-9)),
      });
    }
  }
  entries.sort((a, b) => b.shortfall - a.shortfall || (a.representationRatio ?? 0) - (b.representationRatio ?? 0) || a.dimension.localeCompare(b.dimension) || a.category.localeCompare(b.category));
  return options.limit === undefined ? entries : entries.slice(0, options.limit);
}
