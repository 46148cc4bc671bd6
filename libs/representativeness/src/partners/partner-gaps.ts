import { Injectable } from '@nestjs/common';
import { Actor, AuditLog, Tenancy } from '@steppingstone/core';
import { PartnerKind, ReferralPartners } from '@steppingstone/recruitment';
import { isUndisclosed } from '@steppingstone/areas/engine';
import { analyseDimension, RepresentationFlag } from '../engine/analysis/gap-analysis';
import { whoIsntThere } from '../engine/analysis/who-isnt-there';
import { AnalysisDimension, DEFAULT_DIMENSIONS, PoolColumn } from '../gaps/analysis-dimensions';
import { resolveDimensions } from '../gaps/gap-analyses';
import { PopulationFilter } from '../gaps/pool-counts';
import { loadReferenceContext, ReferenceContext, referenceCountsFor } from '../gaps/reference-context';
import { countPoolByPartner, NO_PARTNER } from './partner-pool-counts';

export interface PartnerGapRequest {
  population: PopulationFilter;
  datasetId?: string;
  referenceLocalityId?: string;
  dimensions?: string[];
  capacity?: number;
  referenceDate?: string;
}

export interface PartnerLabel {
  /** null: the applicants who came without a partner. */
  partnerId: string | null;
  name: string;
  kind: PartnerKind | null;
  code: string | null;
}

export interface PartnerCategory {
  category: string;
  count: number;
  /** Of the partner's applicants who answered; null when none did. */
  share: number | null;
  referenceShare: number;
  representationRatio: number | null;
  flag: RepresentationFlag;
}

export interface PartnerDimension {
  dimension: string;
  disclosed: number;
  undisclosed: Array<{ category: string; count: number }>;
  categories: PartnerCategory[];
}

export interface PartnerGaps extends PartnerLabel {
  size: number;
  dimensions: PartnerDimension[];
}

/** A group the pool is short of, and the partners that brought people of it, most first. */
export interface PartnerShortfall {
  dimension: string;
  category: string;
  count: number;
  expectedCount: number;
  shortfall: number;
  neededAtCapacity: number;
  partners: Array<PartnerLabel & { count: number; share: number | null; representationRatio: number | null }>;
}

export interface PartnerGapResult {
  population: PopulationFilter & { size: number };
  reference: { datasetId: string; datasetName: string; datasetVersion: number; area: ReferenceContext['area']; referenceDate: string };
  dimensions: Array<{ dimension: string; label: string }>;
  capacity: number | null;
  partners: PartnerGaps[];
  whoIsntThere: PartnerShortfall[];
  unavailable: Array<{ dimension: string; reason: string }>;
}

/**
 * The gap analysis split by referral partner: each partner's applicants against the census, and,
 * for every group the pool as a whole is short of, which partners brought people of that group. One
 * SQL aggregate counts every partner and dimension; the arithmetic is the pure engine's, run per
 * partner. The partners' counts add up to the pool's (each person belongs to the partner of their
 * first application in scope).
 */
@Injectable()
export class PartnerGapAnalyses {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly partners: ReferralPartners,
  ) {}

  analyse(actor: Actor, request: PartnerGapRequest): Promise<PartnerGapResult> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const dimensions = resolveDimensions(request.dimensions ?? DEFAULT_DIMENSIONS, 'dimensions');
      const context = await loadReferenceContext(manager, org, { ...request.population, datasetId: request.datasetId, referenceLocalityId: request.referenceLocalityId });
      const referenceDate = request.referenceDate ?? new Date().toISOString().slice(0, 10);
      const columns = [...new Set(dimensions.map((d) => d.column))];
      const [counts, labels] = [await countPoolByPartner(manager, org, request.population, referenceDate, columns), await this.partners.summaries(manager, org)];

      const localityNames = new Map(context.localities.map((l) => [l.id, l.name]));
      const categoryOf = (dimension: AnalysisDimension, value: string) =>
        isUndisclosed(value) ? value : dimension.key === 'locality' ? (localityNames.get(value) ?? value) : (dimension.categoryOf(value) ?? value);
      const byCategory = (dimension: AnalysisDimension, values: Map<string, number> | undefined) => {
        const result = new Map<string, number>();
        for (const [value, count] of values ?? []) {
          const category = categoryOf(dimension, value);
          result.set(category, (result.get(category) ?? 0) + count);
        }
        return result;
      };
      const partnerKeys = [...counts.sizes.keys()];
      const pool = (column: PoolColumn) => {
        const total = new Map<string, number>();
        for (const key of partnerKeys) for (const [value, n] of counts.single.get(key)?.get(column) ?? []) total.set(value, (total.get(value) ?? 0) + n);
        return total;
      };

      const adultsOnly = dimensions.some((d) => d.key === 'age_18plus');
      const unavailable: PartnerGapResult['unavailable'] = [];
      const usable: Array<{ dimension: AnalysisDimension; reference: Map<string, number> }> = [];
      for (const dimension of dimensions) {
        const reference = referenceCountsFor(dimension, context, adultsOnly);
        if (typeof reference === 'string') unavailable.push({ dimension: dimension.key, reason: reference });
        else usable.push({ dimension, reference });
      }

      const label = (key: string): PartnerLabel => {
        const summary = labels.get(key);
        return summary ? { ...summary } : { partnerId: key === NO_PARTNER ? null : key, name: key === NO_PARTNER ? 'No partner' : 'Unknown partner', kind: null, code: null };
      };
      const partners: PartnerGaps[] = partnerKeys.map((key) => ({
        ...label(key),
        size: counts.sizes.get(key) ?? 0,
        dimensions: usable.map(({ dimension, reference }) => {
          const gap = analyseDimension({ dimension: dimension.key, population: byCategory(dimension, counts.single.get(key)?.get(dimension.column)), reference });
          return {
            dimension: dimension.key,
            disclosed: gap.disclosed,
            undisclosed: gap.undisclosed,
            categories: gap.categories.map((c) => ({
              category: c.category,
              count: c.count,
              share: c.share,
              referenceShare: c.referenceShare,
              representationRatio: c.representationRatio,
              flag: c.flag,
            })),
          };
        }),
      }));
      partners.sort((a, b) => Number(a.partnerId === null) - Number(b.partnerId === null) || b.size - a.size || a.name.localeCompare(b.name));

      const overall = usable.map(({ dimension, reference }) => analyseDimension({ dimension: dimension.key, population: byCategory(dimension, pool(dimension.column)), reference }));
      const capacity = request.capacity ?? context.capacity ?? null;
      const shortfalls = whoIsntThere(
        overall.filter((g) => g.dimension !== 'locality' || context.area.kind === 'borough'),
        { capacity: capacity ?? undefined, limit: 15 },
      );
      const whoIsnt: PartnerShortfall[] = shortfalls.map((s) => ({
        dimension: s.dimension,
        category: s.category,
        count: s.count,
        expectedCount: s.expectedCount,
        shortfall: s.shortfall,
        neededAtCapacity: s.neededAtCapacity,
        partners: partners
          .map((p) => {
            const found = p.dimensions.find((d) => d.dimension === s.dimension)?.categories.find((c) => c.category === s.category);
            return { partnerId: p.partnerId, name: p.name, kind: p.kind, code: p.code, count: found?.count ?? 0, share: found?.share ?? null, representationRatio: found?.representationRatio ?? null };
          })
          .filter((p) => p.count > 0)
          .sort((a, b) => b.count - a.count || (b.representationRatio ?? 0) - (a.representationRatio ?? 0) || a.name.localeCompare(b.name)),
      }));

      await this.audit.record(manager, actor, {
        action: 'representativeness.gaps.analysed',
        entityType: request.population.intakeId ? 'intake' : 'organisation',
        entityId: request.population.intakeId ?? org,
        details: { population: request.population, dimensions: dimensions.map((d) => d.key), datasetId: context.dataset.id, byPartner: true },
      });
      return {
        population: { ...request.population, size: [...counts.sizes.values()].reduce((a, b) => a + b, 0) },
        reference: { datasetId: context.dataset.id, datasetName: context.dataset.name, datasetVersion: context.dataset.version, area: context.area, referenceDate },
        dimensions: usable.map(({ dimension }) => ({ dimension: dimension.key, label: dimension.label })),
        capacity,
        partners,
        whoIsntThere: whoIsnt,
        unavailable,
      };
    });
  }
}
