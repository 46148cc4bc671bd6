import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, ErrorDetail, Tenancy } from '@steppingstone/core';
import { Applications } from '@steppingstone/recruitment';
import { isUndisclosed } from '../engine/analysis/dimensions';
import { quotasFromShares, QuotaTolerance } from '../engine/selection/quotas-from-reference';
import { newSeed } from '../engine/selection/seeded-random';
import { selectPanel } from '../engine/selection/select-panel';
import { INTERSECTION_SEPARATOR, Quota, SelectionAlgorithm, SelectionInfeasibleError, SelectionValidationError } from '../engine/selection/types';
import { resolveDimensions } from '../gaps/gap-analyses';
import { loadReferenceContext, referenceCountsFor } from '../gaps/reference-context';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { loadSelectionPool, SELECTABLE_STAGES } from './selection-pool';

export interface SelectionRequest {
  panelSize: number;
  /** Dimensions whose quotas come from the census (expected count ± tolerance). */
  dimensions?: string[];
  tolerance?: QuotaTolerance;
  /** Places per locality (by locality id): quotas with min = max. */
  localitySizes?: Record<string, number>;
  /** Quotas set by hand; they replace the census quota of the same category and feature. Intersections as "locality x age_18plus" / "North x 18-24". */
  quotas?: Quota[];
  algorithm?: SelectionAlgorithm;
  seed?: string;
  lotterySize?: number;
  referenceDate?: string;
}

const DEFAULT_SELECTION_DIMENSIONS = ['sex', 'age_18plus', 'ethnicity_broad'];

/**
 * Fair selection of a cohort from an over-subscribed intake: quotas from the census met on every
 * dimension at once, and among the panels that meet them a published lottery that gives every
 * applicant as equal a chance as the quotas allow (the engine's MAXIMIN or LEXIMIN).
 */
@Injectable()
export class FairSelections {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
    private readonly applications: Applications,
  ) {}

  run(actor: Actor, intakeId: string, request: SelectionRequest): Promise<StoredSelection> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const org = actor.organisationId;
      const referenceDate = request.referenceDate ?? new Date().toISOString().slice(0, 10);
      const localitySizes = Object.entries(request.localitySizes ?? {});
      const keys = [...new Set([...(request.dimensions ?? DEFAULT_SELECTION_DIMENSIONS), ...(localitySizes.length ? ['locality'] : []), ...baseCategoriesOf(request.quotas ?? [])])];
      const dimensions = resolveDimensions(keys, 'dimensions');
      const context = await loadReferenceContext(manager, org, { intakeId });
      const localityNames = new Map(context.localities.map((l) => [l.id, l.name]));
      const unknownLocalities = localitySizes.filter(([id]) => !localityNames.has(id));
      if (unknownLocalities.length) {
        throw invalid([{ field: 'localitySizes', rule: 'knownLocality', message: `localitySizes names localities this organisation does not have: ${unknownLocalities.map(([id]) => id).join(', ')}` }]);
      }

      const pool = await loadSelectionPool(manager, org, intakeId, SELECTABLE_STAGES, dimensions, referenceDate, localityNames);
      const adultsOnly = keys.includes('age_18plus');
      const censusQuotas = (request.dimensions ?? DEFAULT_SELECTION_DIMENSIONS).flatMap((key) => {
        const dimension = dimensions.find((d) => d.key === key)!;
        const reference = referenceCountsFor(dimension, context, adultsOnly);
        if (typeof reference === 'string') throw invalid([{ field: 'dimensions', rule: 'hasReference', message: `No census quotas for ${key}: ${reference}` }]);
        return [...quotasFromShares(key, reference, request.panelSize, request.tolerance), ...undisclosedQuotas(key, pool, request.panelSize)];
      });
      const localityQuotas = localitySizes.map(([id, size]) => ({ category: 'locality', feature: localityNames.get(id)!, min: size, max: size }));
      const quotas = mergeQuotas([...censusQuotas, ...localityQuotas], [...(request.quotas ?? []), ...poolOnlyLocalityQuotas(pool, localityQuotas, request.panelSize)]);

      const seed = request.seed ?? newSeed();
      const algorithm = request.algorithm ?? 'maximin';
      const result = await solve({ respondents: pool, quotas, panelSize: request.panelSize, algorithm, seed, lotterySize: request.lotterySize });
      const id = randomUUID();
      const inputs = { dimensions: dimensions.map((d) => d.key), tolerance: request.tolerance ?? { people: 1 }, localitySizes: request.localitySizes ?? {}, quotas, stages: SELECTABLE_STAGES, referenceDate, datasetId: context.dataset.id };
      await manager.query(
        `INSERT INTO selections (organisation_id, id, intake_id, created_by, panel_size, pool_size, algorithm, seed, inputs, quota_table, panel, probabilities, minimum_probability, equal_chance, lottery)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [org, id, intakeId, actor.userId, request.panelSize, pool.length, algorithm, seed, inputs, JSON.stringify(result.quotaTable), JSON.stringify(result.panel), JSON.stringify(result.probabilities), result.minimumProbability, result.equalChance,
          { lotterySize: result.lotterySize, panelsInLottery: result.panelsInLottery, unroundedMinimumProbability: result.unroundedMinimumProbability, stats: result.stats }],
      );
      await this.audit.record(manager, actor, { action: 'selection.run', entityType: 'selection', entityId: id, details: { intakeId, panelSize: request.panelSize, poolSize: pool.length, seed, algorithm } });
      return this.find(manager, org, id);
    });
  }

  get(actor: Actor, id: string): Promise<StoredSelection> {
    return this.tenancy.run(actor.organisationId, (manager) => this.find(manager, actor.organisationId, id));
  }

  list(actor: Actor, intakeId: string): Promise<StoredSelection[]> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      // An empty list would tell nobody that the intake is not theirs (or does not exist): that is a 404.
      const [intake] = await manager.query(`SELECT 1 FROM intakes WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, intakeId]);
      if (!intake) throw new RepresentativenessError(Code.IntakeNotFound, 'Intake not found');
      const rows = await manager.query(`SELECT ${COLUMNS} FROM selections WHERE organisation_id = $1 AND intake_id = $2 ORDER BY created_at DESC`, [actor.organisationId, intakeId]);
      return rows as StoredSelection[];
    });
  }

  /** Offers a place to everyone selected and waitlists the rest of the pool, in one transaction. */
  apply(actor: Actor, id: string): Promise<StoredSelection & { moved: { offered: number; waitlisted: number } }> {
    return this.tenancy.run(actor.organisationId, async (manager) => {
      const selection = await this.find(manager, actor.organisationId, id, true);
      if (selection.appliedAt) throw new RepresentativenessError(Code.SelectionAlreadyApplied, 'This selection has already been applied', [], { appliedAt: selection.appliedAt });
      const chosen = new Set(selection.panel);
      let offered = 0;
      let waitlisted = 0;
      for (const { id: applicationId } of selection.probabilities) {
        const application = await this.applications.find(manager, actor.organisationId, applicationId, true);
        const to = chosen.has(applicationId) ? 'offered' : 'waitlisted';
        if (application.stage === to) continue;
        if (!SELECTABLE_STAGES.includes(application.stage)) {
          throw new RepresentativenessError(Code.SelectionAlreadyApplied, `An applicant in this selection has moved on since it was run (now ${application.stage}); run the selection again`, [
            { field: 'selection', rule: 'poolUnchanged', message: `application ${applicationId} is ${application.stage}` },
          ]);
        }
        await this.applications.moveInTransaction(manager, actor, application, to, `Fair selection ${id}`);
        if (to === 'offered') offered++;
        else waitlisted++;
      }
      await manager.query(`UPDATE selections SET applied_at = now(), applied_by = $3 WHERE organisation_id = $1 AND id = $2`, [actor.organisationId, id, actor.userId]);
      await this.audit.record(manager, actor, { action: 'selection.applied', entityType: 'selection', entityId: id, details: { offered, waitlisted } });
      return { ...(await this.find(manager, actor.organisationId, id)), moved: { offered, waitlisted } };
    });
  }

  private async find(manager: EntityManager, organisationId: string, id: string, lock = false): Promise<StoredSelection> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM selections WHERE organisation_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [organisationId, id]);
    if (!row) throw new RepresentativenessError(Code.SelectionNotFound, 'Selection not found');
    return row;
  }
}

export interface StoredSelection {
  id: string;
  intakeId: string;
  createdAt: Date;
  panelSize: number;
  poolSize: number;
  algorithm: SelectionAlgorithm;
  seed: string;
  inputs: Record<string, unknown>;
  quotaTable: Array<Quota & { selected: number }>;
  /** Application ids of the drawn panel. */
  panel: string[];
  probabilities: Array<{ id: string; probability: number }>;
  minimumProbability: number;
  equalChance: number;
  lottery: Record<string, unknown>;
  appliedAt: Date | null;
}

const COLUMNS = `id, intake_id AS "intakeId", created_at AS "createdAt", panel_size AS "panelSize", pool_size AS "poolSize", algorithm, seed, inputs,
  quota_table AS "quotaTable", panel, probabilities, minimum_probability AS "minimumProbability", equal_chance AS "equalChance", lottery, applied_at AS "appliedAt"`;

async function solve(input: Parameters<typeof selectPanel>[0]) {
  try {
    return await selectPanel(input);
  } catch (error) {
    if (error instanceof SelectionValidationError) throw invalid(error.issues.map((i) => ({ field: i.field, rule: i.rule, message: i.message })));
    if (error instanceof SelectionInfeasibleError) {
      throw new RepresentativenessError(Code.SelectionInfeasible, error.message, error.explanation.conflicting.map((q) => ({ field: `quotas.${q.category}`, rule: 'feasible', message: `${q.category}=${q.feature} [${q.min}, ${q.max}] cannot be met with the others` })), {
        conflictingCategories: error.explanation.conflictingCategories,
        nearestFeasibleQuotas: error.explanation.nearestFeasible,
      });
    }
    throw error;
  }
}

function invalid(details: ErrorDetail[]): RepresentativenessError {
  return new RepresentativenessError(Code.SelectionInvalid, `The selection cannot run: ${details.map((d) => d.message).join('; ')}`, details);
}

/** "Prefer not to say" and "Not recorded" get open quotas, so people who did not answer stay in the pool. */
function undisclosedQuotas(category: string, pool: Array<{ features: Record<string, string> }>, panelSize: number): Quota[] {
  const features = new Set(pool.map((p) => p.features[category]).filter(isUndisclosed));
  return [...features].map((feature) => ({ category, feature, min: 0, max: panelSize }));
}

/** With per-locality places, applicants with no locality can only be selected if some place is left for them. */
function poolOnlyLocalityQuotas(pool: Array<{ features: Record<string, string> }>, localityQuotas: Quota[], panelSize: number): Quota[] {
  if (!localityQuotas.length) return [];
  const named = new Set(localityQuotas.map((q) => q.feature));
  const others = new Set(pool.map((p) => p.features.locality).filter((f) => f && !named.has(f)));
  const left = Math.max(0, panelSize - localityQuotas.reduce((sum, q) => sum + q.min, 0));
  return [...others].map((feature) => ({ category: 'locality', feature, min: 0, max: left }));
}

function mergeQuotas(base: Quota[], overrides: Quota[]): Quota[] {
  const key = (q: Quota) => `${q.category}\u0000${q.feature}`;
  const merged = new Map(base.map((q) => [key(q), q]));
  for (const q of overrides) merged.set(key(q), q);
  return [...merged.values()];
}

function baseCategoriesOf(quotas: Quota[]): string[] {
  return quotas.flatMap((q) => q.category.split(INTERSECTION_SEPARATOR).map((c) => c.trim()));
}
