/*
 * Gap analysis of one dimension: a population's counts against a reference's. Shares are of the
 * people who disclosed; undisclosed people are reported, and bound each group's count from above
 * (every one of them might belong to it). No significance tests: at cohort sizes of 15-45 they
 * would be presented as verdicts they cannot support.
 */
import { CategoryCounts, toCountMap } from './category-mapping';
import { CENSUS_NOT_ANSWERED, UNDISCLOSED_CATEGORIES } from '@steppingstone/areas/engine';

/** The four-fifths convention: a group is flagged when its share is under 0.8 or over 1.25 times the reference's. */
export const UNDER_REPRESENTED_RATIO = 0.8;
export const OVER_REPRESENTED_RATIO = 1.25;

export type RepresentationFlag = 'under' | 'over' | null;

export interface CategoryGap {
  category: string;
  count: number;
  /** Of the disclosed population; null when nobody disclosed. */
  share: number | null;
  referenceShare: number;
  /** referenceShare x the disclosed population. */
  expectedCount: number;
  /** count - expectedCount: negative means fewer people than the reference suggests. */
  seatGap: number;
  /** share / referenceShare; null when the reference has nobody in this group. */
  representationRatio: number | null;
  flag: RepresentationFlag;
  /** Whether the reference knows this category at all. */
  inReference: boolean;
  /** The count if none to all of the undisclosed people belonged to this group. */
  countInterval: [number, number];
  /** The matching share of everybody (disclosed or not). */
  shareInterval: [number, number];
}

export interface UndisclosedGroup {
  category: string;
  count: number;
}

export interface DimensionGap {
  dimension: string;
  categories: CategoryGap[];
  /** Shown and counted, never part of a share's denominator. */
  undisclosed: UndisclosedGroup[];
  /** How many people were left out of the share denominators. */
  excludedFromShares: number;
  disclosed: number;
  total: number;
  /** 0.5 x sum |share - referenceShare|; null when nobody disclosed. */
  totalVariationDistance: number | null;
}

export interface GapAnalysisInput {
  dimension: string;
  population: CategoryCounts;
  reference: CategoryCounts;
  /** Population categories that are non-answers; default "Prefer not to say" and "Not recorded". */
  undisclosedCategories?: readonly string[];
  /** Reference categories left out of its denominator; default the same plus the census's "Not answered". */
  referenceExcluded?: readonly string[];
}

export function flagFor(ratio: number | null): RepresentationFlag {
  if (ratio === null) return null;
  if (ratio < UNDER_REPRESENTED_RATIO) return 'under';
  if (ratio > OVER_REPRESENTED_RATIO) return 'over';
  return null;
}

export function analyseDimension(input: GapAnalysisInput): DimensionGap {
  const undisclosedNames = input.undisclosedCategories ?? UNDISCLOSED_CATEGORIES;
  const referenceExcluded = input.referenceExcluded ?? [...UNDISCLOSED_CATEGORIES, CENSUS_NOT_ANSWERED];
  const population = toCountMap(input.population);
  const reference = toCountMap(input.reference);

  const undisclosed: UndisclosedGroup[] = undisclosedNames.map((category) => ({ category, count: population.get(category) ?? 0 }));
  for (const [category, count] of population) {
    if (referenceExcluded.includes(category) && !undisclosedNames.includes(category)) undisclosed.push({ category, count });
  }
  const hidden = new Set(undisclosed.map((u) => u.category));
  const excludedFromShares = undisclosed.reduce((sum, u) => sum + u.count, 0);

  const referenceDisclosed = [...reference].filter(([c]) => !referenceExcluded.includes(c));
  const referenceTotal = referenceDisclosed.reduce((sum, [, n]) => sum + n, 0);
  if (referenceTotal <= 0) throw new Error(`The reference for ${input.dimension} has no counts to compare with`);

  const names = [...referenceDisclosed.map(([c]) => c), ...[...population.keys()].filter((c) => !hidden.has(c) && !reference.has(c))];
  const disclosed = names.reduce((sum, c) => sum + (population.get(c) ?? 0), 0);
  const total = disclosed + excludedFromShares;

  const categories = names.map((category): CategoryGap => {
    const count = population.get(category) ?? 0;
    const referenceCount = referenceExcluded.includes(category) ? 0 : (reference.get(category) ?? 0);
    const referenceShare = referenceCount / referenceTotal;
    const share = disclosed > 0 ? count / disclosed : null;
    const expectedCount = referenceShare * disclosed;
    const representationRatio = share !== null && referenceShare > 0 ? share / referenceShare : null;
    return {
      category,
      count,
      share,
      referenceShare,
      expectedCount,
      seatGap: count - expectedCount,
      representationRatio,
      flag: flagFor(representationRatio),
      inReference: reference.has(category),
      countInterval: [count, count + excludedFromShares],
      shareInterval: total > 0 ? [count / total, (count + excludedFromShares) / total] : [0, 0],
    };
  });

  const totalVariationDistance = disclosed > 0 ? 0.5 * categories.reduce((sum, c) => sum + Math.abs((c.share ?? 0) - c.referenceShare), 0) : null;
  return { dimension: input.dimension, categories, undisclosed, excludedFromShares, disclosed, total, totalVariationDistance };
}

/** Total variation distance between two share vectors given as maps (missing = 0). */
export function totalVariationDistance(shares: ReadonlyMap<string, number>, referenceShares: ReadonlyMap<string, number>): number {
  const keys = new Set([...shares.keys(), ...referenceShares.keys()]);
  let sum = 0;
  for (const key of keys) sum += Math.abs((shares.get(key) ?? 0) - (referenceShares.get(key) ?? 0));
  return 0.5 * sum;
}
