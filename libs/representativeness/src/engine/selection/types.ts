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
  /**
   * How far the quota may be relaxed when no panel meets every quota (the Sortition Foundation's
   * min_flex and max_flex): the minimum down to minFlex, the maximum up to maxFlex. A quota
   * without them is never relaxed.
   */
  minFlex?: number;
  maxFlex?: number;
}

/** One pool member: a value for every category the quotas use (e.g. `{ sex: 'Female', locality: 'North' }`). */
export interface Respondent {
  id: string;
  features: Readonly<Record<string, string>>;
  /** People with the same household key (e.g. a normalised address) are never on one panel together. */
  household?: string;
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
  /**
   * Tickets in the published lottery. Given, exactly this many (e.g. 1,000 for a physical draw);
   * omitted, the fewest tickets on a fixed ladder whose lottery keeps the smallest chance within
   * `maxLotteryLoss` of the exact optimum.
   */
  lotterySize?: number;
  /** `lottery` (default) draws a ticket; `exact` draws straight from the exact distribution with the seed, losing nothing to rounding. */
  draw?: SelectionDraw;
  /** The largest share of the exact minimum the lottery may give away when its size is chosen (default 0.01). */
  maxLotteryLoss?: number;
  /** Ids of people who must be on the panel; they count towards the quotas. */
  alreadySelected?: readonly string[];
}

export type SelectionDraw = 'lottery' | 'exact';

/** A quota that holds a type's chance where it is: every panel the draw can give sits at this bound. */
export interface BindingQuota {
  category: string;
  feature: string;
  /** min: the quota holds its people's chances up; max: holds them down; exact: min equals max. */
  bound: 'min' | 'max' | 'exact';
  /** The bound's value. */
  limit: number;
  /** Pool members with this feature. */
  poolCount: number;
}

export interface ChanceExplanation {
  id: string;
  probability: number;
  /** True for people given in alreadySelected. */
  alreadySelected: boolean;
  /** The quotas of this person's features that bind in every panel the draw can give (min raises, max lowers a chance). */
  binding: BindingQuota[];
}

/** Why LEXIMIN stopped: `complete`, or the work budget that cut it short (the levels above the minimum are then approximate). */
export type LeximinStatus = 'complete' | 'pricing-budget' | 'round-budget';

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
  /** The same figure under its plain name: the smallest chance in the exact distribution. */
  exactMinimumProbability: number;
  /** The smallest chance under the draw used (equal to minimumProbability). */
  lotteryMinimumProbability: number;
  /** (exact minimum - lottery minimum) / exact minimum: what rounding to tickets gave away (0 for an exact draw). */
  lotteryLoss: number;
  draw: SelectionDraw;
  /** Each pool member's chance in the exact distribution, in input order. */
  exactProbabilities: number[];
  /** Per person, the quotas that bind for their type, so a reader can see why a chance is what it is. */
  explanations: ChanceExplanation[];
  /** Quotas moved within min_flex / max_flex because no panel met them all; absent when none moved. */
  relaxedQuotas?: QuotaRelaxation[];
  alreadySelected: string[];
  /** The lottery itself, for publication: each panel's tickets (lottery draw) or exact weight, and its quota counts. */
  lottery: Array<{ weight: number; tickets: number; quotaCounts: number[] }>;
  /** Which lottery entry the seed drew. */
  drawnPanel: number;
  stats: {
    /** Distinct feature combinations the solver works on. */
    types: number;
    panelsGenerated: number;
    /** Exact panel ILPs solved (the swap heuristic finds most panels). */
    pricingSolves: number;
    seconds: number;
    /** LEXIMIN only: false when a level above the minimum was fixed unproven (the work budget ran out). */
    leximinComplete?: boolean;
    /** LEXIMIN only: complete, or which work budget cut it short. */
    leximinStatus?: LeximinStatus;
    /** LEXIMIN only: levels fixed (where its LP relaxation was reached in one go, the relaxation's distinct levels). */
    leximinLevels?: number;
    /** Times an LP stopped short of optimal (numerical trouble) and was re-solved with a fresh basis or relaxed levels. */
    lpRecoveries: number;
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
    | 'lottery-loss-invalid'
    | 'already-selected-unknown'
    | 'already-selected-duplicate'
    | 'already-selected-exceeds-panel-size'
    | 'already-selected-same-household'
    | 'quota-flex-invalid'
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
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SolverError';
  }
}

export const INTERSECTION_SEPARATOR = ' x ';
