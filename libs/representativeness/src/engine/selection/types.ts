/*
 * Inputs, outputs and typed errors of fair selection. Plain data only, so a service can build the
 * input from database rows and store the result as JSON.
 */

/** A quota on one feature of one category (dimension): the panel has between min and max such people. */
export interface Quota {
  category: string;
  feature: string;
  min: number;
  max: number;
}

/** One pool member: a value for every category the quotas use (e.g. `{ sex: 'Female', locality: 'North' }`). */
export interface Respondent {
  id: string;
  features: Readonly<Record<string, string>>;
}

export type SelectionAlgorithm = 'maximin' | 'leximin';

export interface SelectionInput {
  respondents: readonly Respondent[];
  /**
   * Quotas on single categories and on intersections. An intersection's category is its component
   * categories joined by " x " (e.g. "locality x age band") and its feature the components'
   * features joined the same way (e.g. "North x 18-24").
   */
  quotas: readonly Quota[];
  panelSize: number;
  algorithm?: SelectionAlgorithm;
  /** Any string; the same inputs and seed always draw the same panel. */
  seed: string;
  /** The number of panels in the published lottery (default 1,000). */
  lotterySize?: number;
}

export interface QuotaOutcome extends Quota {
  /** How many of the drawn panel have this feature. */
  selected: number;
}

export interface SelectionResult {
  panel: string[];
  /** Each pool member's probability of selection under the rounded lottery. */
  probabilities: Array<{ id: string; probability: number }>;
  minimumProbability: number;
  /** panelSize / pool size: the probability everyone would have under equal chances. */
  equalChance: number;
  quotaTable: QuotaOutcome[];
  seed: string;
  algorithm: SelectionAlgorithm;
  lotterySize: number;
  /** Distinct panels in the rounded lottery. */
  panelsInLottery: number;
  /** The optimum before rounding, for audit: the minimum probability of the exact distribution. */
  unroundedMinimumProbability: number;
  stats: {
    /** Distinct feature combinations the solver works on. */
    types: number;
    panelsGenerated: number;
    /** Exact panel ILPs solved (the swap heuristic finds most panels). */
    pricingSolves: number;
    seconds: number;
    /** LEXIMIN only: false when a level above the minimum was fixed unproven (round cap or time budget). */
    leximinComplete?: boolean;
  };
}

export interface ValidationIssue {
  /** Where the problem is: `panelSize`, `quotas[3].max`, `respondents[12].features.sex`. */
  field: string;
  /** A stable machine-readable name for the broken rule. */
  rule:
    | 'panel-size-invalid'
    | 'panel-size-exceeds-pool'
    | 'quota-bounds-invalid'
    | 'quota-duplicate'
    | 'quota-mins-exceed-panel-size'
    | 'quota-maxes-below-panel-size'
    | 'unknown-category'
    | 'unknown-feature'
    | 'missing-value'
    | 'respondent-id-duplicate'
    | 'lottery-size-invalid'
    | 'no-quotas';
  message: string;
}

export class SelectionValidationError extends Error {
  readonly code = 'SELECTION_INVALID' as const;
  constructor(readonly issues: ValidationIssue[]) {
    super(`The selection cannot run: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'SelectionValidationError';
  }
}

export interface QuotaRelaxation extends Quota {
  /** The nearest feasible bounds. */
  feasibleMin: number;
  feasibleMax: number;
}

export interface InfeasibilityExplanation {
  /** Quotas that cannot all hold together (the ones the minimal relaxation had to move, and an irreducible conflict set where the solver found one). */
  conflicting: Quota[];
  /** Categories of the conflicting quotas, for a one-line message. */
  conflictingCategories: string[];
  /** Every quota, with the bounds of the minimal relaxation (unchanged ones equal the originals). */
  nearestFeasible: QuotaRelaxation[];
  /** Total number of places by which bounds were moved. */
  totalRelaxation: number;
}

export class SelectionInfeasibleError extends Error {
  readonly code = 'SELECTION_INFEASIBLE' as const;
  constructor(readonly explanation: InfeasibilityExplanation) {
    super(
      `No panel meets every quota; the conflicting quotas are in ${explanation.conflictingCategories.join(', ')}: ` +
        explanation.conflicting.map((q) => `${q.category}=${q.feature} [${q.min}, ${q.max}]`).join(', '),
    );
    this.name = 'SelectionInfeasibleError';
  }
}

/** HiGHS failed (not an infeasible model: an error inside the solver itself). */
export class SolverError extends Error {
  readonly code = 'SOLVER_FAILED' as const;
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'SolverError';
  }
}

export const INTERSECTION_SEPARATOR = ' x ';
