import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { localityNames } from '@steppingstone/areas';
import { ErrorDetail } from '@steppingstone/core';
import { isUndisclosed } from '@steppingstone/areas/engine';
import { quotasFromShares, QuotaTolerance } from '../engine/selection/quotas-from-reference';
import { INTERSECTION_SEPARATOR, Quota, SelectionAlgorithm, SelectionDraw, SelectionInfeasibleError, SelectionInput, SelectionResult, SelectionValidationError } from '../engine/selection/types';
import { validateSelectionInput } from '../engine/selection/validation';
import { resolveDimensions } from '../gaps/gap-analyses';
import { loadReferenceContext, referenceCountsFor } from '../gaps/reference-context';
import { RepresentativenessError, RepresentativenessErrorCode as Code } from '../representativeness.error';
import { loadSelectionPool, PoolMember, SELECTABLE_STAGES } from './selection-pool';
import type { StoredAlternates, StoredExplanation } from './selection-store';
import { DropOutHistory, loadDropOutHistory } from './dropout-history';
import { rankAlternates } from '../engine/selection/alternates';

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
  /** @deprecated The same as `tickets`. */
  lotterySize?: number;
  /** Exactly this many tickets in the lottery (for a physical draw); by default the fewest that keep the smallest chance within 1% of the exact optimum. */
  tickets?: number;
  /** `exact` draws straight from the exact distribution with the seed; `lottery` (default) draws a ticket. */
  draw?: SelectionDraw;
  referenceDate?: string;
  /** No two people of one household (the same postal address) on the panel. */
  onePerHousehold?: boolean;
}

/** A request with what was left to chance fixed, so that running it later (in the worker) runs the same selection. */
export type SettledRequest = SelectionRequest & { seed: string; algorithm: SelectionAlgorithm; referenceDate: string };

const DEFAULT_SELECTION_DIMENSIONS = ['sex', 'age_18plus', 'ethnicity_broad'];

/** The request as it was resolved, stored with the selection so anyone can run it again. */
export interface SelectionInputs {
  dimensions: string[];
  tolerance: QuotaTolerance;
  /** Places per locality, by locality id. */
  localitySizes: Record<string, number>;
  /** Every quota the panel had to meet. */
  quotas: Quota[];
  stages: string[];
  referenceDate: string;
  datasetId: string;
  /** The next three are absent in selections stored before they could be chosen. */
  draw?: SelectionDraw;
  tickets?: number | null;
  onePerHousehold?: boolean;
}

/** The lottery a panel was drawn from, stored for audit. */
export interface SelectionLottery {
  lotterySize: number;
  panelsInLottery: number;
  unroundedMinimumProbability: number;
  /** Absent in selections stored before the draw could be chosen. */
  lotteryLoss?: number;
  drawnPanel?: number;
  stats: SelectionResult['stats'];
}

/** Everything the solver needs, read in one transaction; nothing in it refers back to the database. */
export interface SelectionProblem {
  input: SelectionInput;
  /** What is stored as the selection's inputs, so anyone can run it again. */
  inputs: SelectionInputs;
  /** The pool as the solver saw it; compared again when the outcome is stored. */
  fingerprint: string;
  dimensionKeys: string[];
  onePerHousehold: boolean;
  /** Read with the pool, so the alternates are sized from the history as it stood then. */
  dropOutHistory: DropOutHistory;
}

export function settle(request: SelectionRequest, newSeed: () => string): SettledRequest {
  return { ...request, seed: request.seed ?? newSeed(), algorithm: request.algorithm ?? 'maximin', referenceDate: request.referenceDate ?? new Date().toISOString().slice(0, 10) };
}

/** Reads the census reference and the intake's pool and builds the quotas: the only part of a selection that needs the database. */
export async function loadSelectionProblem(manager: EntityManager, organisationId: string, intakeId: string, request: SettledRequest): Promise<SelectionProblem> {
  const localitySizes = Object.entries(request.localitySizes ?? {});
  const keys = [...new Set([...(request.dimensions ?? DEFAULT_SELECTION_DIMENSIONS), ...(localitySizes.length ? ['locality'] : []), ...baseCategoriesOf(request.quotas ?? [])])];
  const dimensions = resolveDimensions(keys, 'dimensions');
  const context = await loadReferenceContext(manager, organisationId, { intakeId });
  const localityNames = new Map(context.localities.map((l) => [l.id, l.name]));
  const unknownLocalities = localitySizes.filter(([id]) => !localityNames.has(id));
  if (unknownLocalities.length) {
    throw invalid([{ field: 'localitySizes', rule: 'knownLocality', message: `localitySizes names localities this organisation does not have: ${unknownLocalities.map(([id]) => id).join(', ')}` }]);
  }

  const pool = await loadSelectionPool(manager, organisationId, intakeId, SELECTABLE_STAGES, dimensions, request.referenceDate, localityNames, { households: request.onePerHousehold === true });
  if (request.onePerHousehold) checkEnoughHouseholds(pool, request.panelSize);
  const dropOutHistory = await loadDropOutHistory(manager, organisationId, dimensions, localityNames);
  const adultsOnly = keys.includes('age_18plus');
  const censusQuotas = (request.dimensions ?? DEFAULT_SELECTION_DIMENSIONS).flatMap((key) => {
    const dimension = dimensions.find((d) => d.key === key)!;
    const reference = referenceCountsFor(dimension, context, adultsOnly);
    if (typeof reference === 'string') throw invalid([{ field: 'dimensions', rule: 'hasReference', message: `No census quotas for ${key}: ${reference}` }]);
    return [...quotasFromShares(key, reference, request.panelSize, request.tolerance), ...undisclosedQuotas(key, pool, request.panelSize)];
  });
  const localityQuotas = localitySizes.map(([id, size]) => ({ category: 'locality', feature: localityNames.get(id)!, min: size, max: size }));
  const quotas = mergeQuotas([...censusQuotas, ...localityQuotas], [...(request.quotas ?? []), ...poolOnlyLocalityQuotas(pool, localityQuotas, request.panelSize)]);
  return {
    input: { respondents: pool, quotas, panelSize: request.panelSize, algorithm: request.algorithm, seed: request.seed, lotterySize: ticketsOf(request), draw: request.draw ?? 'lottery' },
    inputs: {
      dimensions: dimensions.map((d) => d.key),
      tolerance: request.tolerance ?? { people: 1 },
      localitySizes: request.localitySizes ?? {},
      quotas,
      stages: SELECTABLE_STAGES,
      referenceDate: request.referenceDate,
      datasetId: context.dataset.id,
      draw: request.draw ?? 'lottery',
      tickets: ticketsOf(request) ?? null,
      onePerHousehold: request.onePerHousehold === true,
    },
    fingerprint: fingerprintOf(pool),
    dimensionKeys: keys,
    onePerHousehold: request.onePerHousehold === true,
    dropOutHistory,
  };
}

/**
 * The pool as it is now, for comparing with the one a solve started from: the same applicants at
 * selectable stages with the same answers. Anything else (a move between two selectable stages, a
 * new census import) does not change what the drawn panel means.
 */
export async function currentFingerprint(manager: EntityManager, organisationId: string, intakeId: string, problem: SelectionProblem, referenceDate: string): Promise<string> {
  const pool = await loadSelectionPool(
    manager,
    organisationId,
    intakeId,
    SELECTABLE_STAGES,
    resolveDimensions(problem.dimensionKeys, 'dimensions'),
    referenceDate,
    await localityNames(manager, organisationId),
    {
      households: problem.onePerHousehold,
    },
  );
  return fingerprintOf(pool);
}

export function poolChanged(): RepresentativenessError {
  return new RepresentativenessError(Code.SelectionPoolChanged, 'The pool changed while the selection was being worked out (an applicant moved stage or changed an answer); run the selection again', [
    { field: 'intake', rule: 'poolUnchanged', message: 'the applicants at the selectable stages, or their answers, changed during the selection' },
  ]);
}

/** Checks what the engine would refuse before anything is queued, so bad input answers 400 at once rather than failing later. */
export function checkSelectionInput(input: SelectionInput): void {
  try {
    validateSelectionInput(input);
  } catch (error) {
    throw asDomainError(error);
  }
}

/** The engine's refusals as the API states them; anything else unchanged. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof SelectionValidationError) return invalid(error.issues.map((i) => ({ field: i.field, rule: i.rule, message: i.message })));
  if (error instanceof SelectionInfeasibleError) {
    return new RepresentativenessError(
      Code.SelectionInfeasible,
      error.message,
      error.explanation.conflicting.map((q) => ({ field: `quotas.${q.category}`, rule: 'feasible', message: `${q.category}=${q.feature} [${q.min}, ${q.max}] cannot be met with the others` })),
      {
        conflictingCategories: error.explanation.conflictingCategories,
        nearestFeasibleQuotas: error.explanation.nearestFeasible,
      },
    );
  }
  return error;
}

/** The outcome columns of a done selection, in the order `storeOutcome` writes them. */
export function outcomeValues(problem: SelectionProblem, result: SelectionResult): unknown[] {
  return [
    problem.inputs,
    JSON.stringify(result.quotaTable),
    JSON.stringify(result.panel),
    JSON.stringify(result.probabilities),
    result.minimumProbability,
    result.equalChance,
    {
      lotterySize: result.lotterySize,
      panelsInLottery: result.panelsInLottery,
      unroundedMinimumProbability: result.unroundedMinimumProbability,
      lotteryLoss: result.lotteryLoss,
      drawnPanel: result.drawnPanel,
      stats: result.stats,
    } satisfies SelectionLottery,
    result.draw,
    result.exactMinimumProbability,
    result.lotteryMinimumProbability,
    JSON.stringify(explanationsOf(problem, result)),
    alternatesOf(problem, result),
  ];
}

/** The fewest alternates listed, as a share of the panel: a history with no drop-outs (or none at all) still leaves someone to offer a place to. */
const FEWEST_ALTERNATES = 0.1;

/**
 * Alternates in the order they would be offered: the engine's ranking by the drop-out risk each can
 * cover, from the organisation's own history per group, sized to the expected departures plus two
 * standard deviations, and never fewer than a tenth of the panel (rounded up).
 */
export function alternatesOf(problem: SelectionProblem, result: SelectionResult): StoredAlternates {
  const history = problem.dropOutHistory;
  const pool = problem.input.respondents as PoolMember[];
  const byId = new Map(pool.map((member) => [member.id, member]));
  const input = {
    respondents: pool,
    quotas: result.quotaTable.map(({ category, feature, min, max }) => ({ category, feature, min, max })),
    panel: result.panel,
    seed: result.seed,
    dropOutRates: history.byGroup,
    defaultDropOutRate: history.rate,
  };
  const fewest = Math.ceil(result.panel.length * FEWEST_ALTERNATES);
  const recommended = rankAlternates(input);
  const ranked = recommended.alternates.length >= fewest ? recommended : rankAlternates({ ...input, size: fewest });
  return {
    alternates: ranked.alternates.map((a) => ({ applicationId: a.id, personId: byId.get(a.id)!.personId, canReplace: a.canReplace, dropOutRisk: a.dropOutRisk })),
    expectedDropOuts: ranked.expectedDropOuts,
    recommendedSize: ranked.recommendedSize,
    atRisk: ranked.atRisk,
    dropOutHistory: history,
  };
}

/** The engine's explanations keyed the way the API names people: application and person. */
function explanationsOf(problem: SelectionProblem, result: SelectionResult): StoredExplanation[] {
  const pool = problem.input.respondents as PoolMember[];
  return result.explanations.map((explanation, i) => ({
    applicationId: pool[i].applicationId,
    personId: pool[i].personId,
    probability: explanation.probability,
    exactProbability: result.exactProbabilities[i],
    binding: explanation.binding,
  }));
}

/** `tickets`, or the older name for it; the DTO refuses both at once. */
function ticketsOf(request: SelectionRequest): number | undefined {
  return request.tickets ?? request.lotterySize;
}

/** With one person per household the panel needs as many households as places; the solver cannot say that in terms of quotas. */
function checkEnoughHouseholds(pool: PoolMember[], panelSize: number): void {
  const households = new Set(pool.map((member) => member.household ?? `person:${member.id}`)).size;
  if (households < panelSize) {
    throw invalid([{ field: 'onePerHousehold', rule: 'enoughHouseholds', message: `With one person per household there are only ${households} households in the pool for ${panelSize} places` }]);
  }
}

function fingerprintOf(pool: PoolMember[]): string {
  const hash = createHash('sha256');
  // A household key is hashed only when the rule is on, so a pool without it hashes as it always did.
  for (const member of pool) hash.update(JSON.stringify([member.applicationId, Object.entries(member.features).sort(), ...(member.household === undefined ? [] : [member.household])])).update('\n');
  return hash.digest('hex');
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
