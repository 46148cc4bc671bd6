import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { analyseDimension, DimensionGap } from '../engine/analysis/gap-analysis';
import { analyseIntersection, CellCount, independentJointReference, IntersectionGap } from '../engine/analysis/intersectional';
import { isUndisclosed } from '@steppingstone/areas/engine';
import { Shortfall, whoIsntThere } from '../engine/analysis/who-isnt-there';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { AnalysisDimension, analysisDimension, ANALYSIS_DIMENSION_KEYS, DEFAULT_DIMENSIONS } from './analysis-dimensions';
import { countPool, pairKey, PopulationFilter } from './pool-counts';
import { referenceFor } from './reference-counts';
import { loadReferenceContext, ReferenceContext, referenceCountsFor } from './reference-context';

export interface GapAnalysisRequest {
  population: PopulationFilter;
  /** Default: the programme's chosen dataset, else the organisation's default, else its newest with figures for the borough. */
  datasetId?: string;
  /** Compare with one locality instead of the whole borough. */
  referenceLocalityId?: string;
  dimensions?: string[];
  intersections?: Array<[string, string]>;
  /** Places to fill (default: the intake's capacity); "who isn't there" says how many more applicants each group needs at this size. */
  capacity?: number;
  /** Ages are taken on this date (default today). */
  referenceDate?: string;
}

export interface GapAnalysisResult {
  population: PopulationFilter & { size: number };
  reference: { datasetId: string; datasetName: string; datasetVersion: number; area: { kind: 'borough' | 'locality'; name: string; codes: string[] }; referenceDate: string };
  dimensions: Array<DimensionGap & { label: string }>;
  intersections: Array<IntersectionGap & { note?: string }>;
  whoIsntThere: Shortfall[];
  capacity: number | null;
  /** Dimensions asked for that the dataset cannot answer, and why. */
  unavailable: Array<{ dimension: string; reason: string }>;
}

/**
 * "Who isn't there": a population of applicants against the borough's (or a locality's) census
 * figures. Counts come from one SQL aggregate; the arithmetic is the pure engine's.
 */
@Injectable()
export class GapAnalyses {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  analyse(actor: Actor, request: GapAnalysisRequest): Promise<GapAnalysisResult> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const dimensions = resolveDimensions(request.dimensions ?? DEFAULT_DIMENSIONS, 'dimensions');
      const intersections = (request.intersections ?? []).map(([a, b], i) => resolveDimensions([a, b], `intersections[${i}]`) as [AnalysisDimension, AnalysisDimension]);
      const context = await loadReferenceContext(manager, org, { ...request.population, datasetId: request.datasetId, referenceLocalityId: request.referenceLocalityId });
      const referenceDate = request.referenceDate ?? new Date().toISOString().slice(0, 10);

      const columns = [...new Set(dimensions.map((d) => d.column))];
      const pairs = [...new Map(intersections.map(([a, b]) => [pairKey(a.column, b.column), [a.column, b.column] as [typeof a.column, typeof b.column]])).values()];
      const pool = await countPool(manager, org, request.population, referenceDate, columns, pairs);

      const localityNames = new Map(context.localities.map((l) => [l.id, l.name]));
      const categoryOf = (dimension: AnalysisDimension, value: string) =>
        isUndisclosed(value) ? value : dimension.key === 'locality' ? (localityNames.get(value) ?? value) : (dimension.categoryOf(value) ?? value);
      const populationOfDimension = (dimension: AnalysisDimension) => {
        const counts = new Map<string, number>();
        for (const [value, count] of pool.single.get(dimension.column) ?? []) {
          const category = categoryOf(dimension, value);
          counts.set(category, (counts.get(category) ?? 0) + count);
        }
        return counts;
      };

      const adultsOnly = dimensions.some((d) => d.key === 'age_18plus') || intersections.flat().some((d) => d.key === 'age_18plus');
      const referenceOf = (dimension: AnalysisDimension) => referenceCountsFor(dimension, context, adultsOnly);

      const unavailable: GapAnalysisResult['unavailable'] = [];
      const gaps: GapAnalysisResult['dimensions'] = [];
      for (const dimension of dimensions) {
        const reference = referenceOf(dimension);
        if (typeof reference === 'string') unavailable.push({ dimension: dimension.key, reason: reference });
        else gaps.push({ ...analyseDimension({ dimension: dimension.key, population: populationOfDimension(dimension), reference }), label: dimension.label });
      }

      const cells: GapAnalysisResult['intersections'] = [];
      for (const [a, b] of intersections) {
        const population = (pool.pairs.get(pairKey(a.column, b.column)) ?? []).map((c) => ({ row: categoryOf(a, c.row), column: categoryOf(b, c.column), count: c.count }));
        const joint = this.jointReference(a, b, context, referenceOf);
        if (typeof joint === 'string') unavailable.push({ dimension: `${a.key} x ${b.key}`, reason: joint });
        else cells.push({ ...analyseIntersection({ rowDimension: a.key, columnDimension: b.key, population, reference: joint.cells }), ...(joint.note ? { note: joint.note } : {}) });
      }

      const capacity = request.capacity ?? context.capacity ?? null;
      await this.audit.record(manager, actor, {
        action: 'representativeness.gaps.analysed',
        entityType: request.population.intakeId ? 'intake' : 'organisation',
        entityId: request.population.intakeId ?? org,
        details: { population: request.population, dimensions: dimensions.map((d) => d.key), datasetId: context.dataset.id },
      });
      return {
        population: { ...request.population, size: pool.size },
        reference: { datasetId: context.dataset.id, datasetName: context.dataset.name, datasetVersion: context.dataset.version, area: context.area, referenceDate },
        dimensions: gaps,
        intersections: cells,
        whoIsntThere: whoIsntThere(
          gaps.filter((g) => g.dimension !== 'locality' || context.area.kind === 'borough'),
          { capacity: capacity ?? undefined, limit: 15 },
        ),
        capacity,
        unavailable,
      };
    });
  }

  /** Locality x anything comes from the small-area figures; other pairs assume independence (the census publishes no such cross-table here). */
  private jointReference(
    a: AnalysisDimension,
    b: AnalysisDimension,
    context: ReferenceContext,
    referenceOf: (d: AnalysisDimension) => Map<string, number> | string,
  ): { cells: CellCount[]; note?: string } | string {
    if (a.key === 'locality' || b.key === 'locality') {
      if (context.area.kind === 'locality') return 'the reference is itself one locality';
      const other = a.key === 'locality' ? b : a;
      const cells: CellCount[] = [];
      for (const locality of context.localities) {
        const counts = context.localityCounts.get(locality.id);
        const reference = counts && (other.key === 'locality' ? undefined : referenceFor(other, counts));
        for (const [category, count] of reference ?? []) cells.push(a.key === 'locality' ? { row: locality.name, column: category, count } : { row: category, column: locality.name, count });
      }
      return cells.length ? { cells } : `no locality has small-area figures for ${other.key}`;
    }
    const rows = referenceOf(a);
    const columns = referenceOf(b);
    if (typeof rows === 'string') return rows;
    if (typeof columns === 'string') return columns;
    return { cells: independentJointReference(rows, columns), note: `The census figures here have no ${a.key} by ${b.key} table: the reference assumes the two are independent` };
  }
}

export function resolveDimensions(keys: string[], field: string): AnalysisDimension[] {
  const unknown = keys.filter((k) => !analysisDimension(k));
  if (unknown.length) {
    throw new RepresentativenessError(Code.UnknownDimension, `Unknown dimension ${unknown.join(', ')}; use ${ANALYSIS_DIMENSION_KEYS.join(', ')}`, [
      { field, rule: 'knownDimension', message: `${field} must be among ${ANALYSIS_DIMENSION_KEYS.join(', ')}` },
    ]);
  }
  return [...new Set(keys)].map((k) => analysisDimension(k)!);
}
