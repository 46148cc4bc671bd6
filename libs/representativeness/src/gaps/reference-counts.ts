import { EntityManager } from 'typeorm';
import { areaCensusFigures, CensusCategoryCount } from '@steppingstone/areas';
import { rebandCounts } from '../engine/analysis/age-bands';
import { mapCounts } from '../engine/analysis/category-mapping';
import { ethnicGroupOf } from '@steppingstone/areas/engine';
import { ADULT_BANDS, AnalysisDimension } from './analysis-dimensions';

/** A dataset's counts for a set of areas, summed, by dimension and category. */
export type AreaCounts = Map<string, Map<string, number>>;

export async function loadAreaCounts(manager: EntityManager, organisationId: string, datasetId: string, areaCodes: string[]): Promise<AreaCounts> {
  return countsByDimension(await areaCensusFigures(manager, organisationId, datasetId, areaCodes));
}

/** Census figures as counts by dimension and category. */
export function countsByDimension(figures: CensusCategoryCount[]): AreaCounts {
  const counts: AreaCounts = new Map();
  for (const r of figures) {
    if (!counts.has(r.dimension)) counts.set(r.dimension, new Map());
    counts.get(r.dimension)!.set(r.category, r.count);
  }
  return counts;
}

/**
 * The reference counts of a dimension, taken as imported or derived from a finer table the dataset
 * has (ethnic groups from the 19 categories, adult bands from five-year bands); undefined if neither.
 */
export function referenceFor(dimension: AnalysisDimension, counts: AreaCounts): Map<string, number> | undefined {
  const direct = counts.get(dimension.key);
  if (direct?.size) return direct;
  const source = dimension.derivedFrom && counts.get(dimension.derivedFrom.dimension);
  if (!source?.size || !dimension.derivedFrom) return undefined;
  switch (dimension.derivedFrom.mapping) {
    case 'ethnic-group':
      return mapCounts(source, (c) => ethnicGroupOf(c));
    case 'heading':
      return mapCounts(source, (c) => c.split(':')[0].trim());
    case 'adult-age-bands':
      return rebandCounts(source, ADULT_BANDS);
  }
}

/** The number of people an area's reference covers: all residents, or adults when the analysis is of adults. */
export function populationOf(counts: AreaCounts, adultsOnly: boolean, dimensionOf: (key: string) => AnalysisDimension | undefined): number | undefined {
  const table = adultsOnly ? referenceFor(dimensionOf('age_18plus')!, counts) : (counts.get('sex') ?? counts.get('ethnicity') ?? counts.get('age'));
  if (!table?.size) return undefined;
  return [...table.values()].reduce((a, b) => a + b, 0);
}
