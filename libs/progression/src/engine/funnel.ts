/*
 * The funnel as plain arithmetic over counts: each stage's conversion from the one before and from
 * registration, and for the equity funnel each group's rates against the whole population's, with
 * a flag where a group falls short. Counts come from SQL; nothing here sees a person.
 */

export const FUNNEL_STAGES = ['registered', 'completedTraining', 'startedPlacement', 'enteredEmployment', 'sustained26Weeks'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type StageCounts = Record<FunnelStage, number>;

export const STAGE_LABELS: Record<FunnelStage, string> = {
  registered: 'Registered',
  completedTraining: 'Completed training',
  startedPlacement: 'Started a placement',
  enteredEmployment: 'Entered employment',
  sustained26Weeks: 'Sustained 26 weeks',
};

/** A group whose rate is below this share of the overall rate is flagged (the "four-fifths" rule). */
export const DEFAULT_SHORTFALL_RATIO = 0.8;
/** Below this many people at a step's starting stage a rate says too little to flag. */
export const DEFAULT_MINIMUM_GROUP_SIZE = 10;

export interface Rate {
  /** A fraction from 0 to 1, four decimals; null when there is nobody to convert. */
  rate: number | null;
  percent: number | null;
}

export interface FunnelStageView {
  stage: FunnelStage;
  label: string;
  count: number;
  /** Conversion from the previous stage (null for registration). */
  fromPrevious: Rate | null;
  /** Conversion from registration. */
  fromRegistered: Rate;
}

export function rateOf(count: number, base: number): Rate {
  if (base <= 0) return { rate: null, percent: null };
  return { rate: Math.round((count / base) * 10_000) / 10_000, percent: Math.round((count / base) * 1_000) / 10 };
}

export function funnelStages(counts: StageCounts): FunnelStageView[] {
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    label: STAGE_LABELS[stage],
    count: counts[stage],
    fromPrevious: i === 0 ? null : rateOf(counts[stage], counts[FUNNEL_STAGES[i - 1]]),
    fromRegistered: rateOf(counts[stage], counts.registered),
  }));
}

export type ComparisonFlag = 'shortfall' | 'ok' | 'too-few-to-judge' | 'no-overall-rate';

export interface RateComparison {
  /** e.g. completedTraining → startedPlacement, or registered → enteredEmployment. */
  from: FunnelStage;
  to: FunnelStage;
  groupRate: Rate;
  overallRate: Rate;
  /** The group's rate as a share of the overall rate (1 = the same), two decimals. */
  ratio: number | null;
  flag: ComparisonFlag;
}

export interface EquityGroup {
  group: string;
  /** "Prefer not to say" and "Not recorded": shown and compared, never merged into another group. */
  undisclosed: boolean;
  stages: FunnelStageView[];
  /** Each stage from the one before it, then each stage from registration (the overall conversion). */
  stepComparisons: RateComparison[];
  overallComparisons: RateComparison[];
  flagged: boolean;
  /** The shortfalls in words, for a report. */
  shortfalls: string[];
}

export interface EquityOptions {
  shortfallRatio?: number;
  minimumGroupSize?: number;
}

function compare(from: FunnelStage, to: FunnelStage, group: StageCounts, overall: StageCounts, ratio: number, minimum: number): RateComparison {
  const groupRate = rateOf(group[to], group[from]);
  const overallRate = rateOf(overall[to], overall[from]);
  const share = groupRate.rate === null || !overallRate.rate ? null : Math.round((group[to] / group[from] / (overall[to] / overall[from])) * 100) / 100;
  let flag: ComparisonFlag;
  if (!overallRate.rate) flag = 'no-overall-rate';
  else if (group[from] < minimum) flag = 'too-few-to-judge';
  else flag = group[to] / group[from] < ratio * (overall[to] / overall[from]) ? 'shortfall' : 'ok';
  return { from, to, groupRate, overallRate, ratio: share, flag };
}

export function equityGroup(group: string, undisclosed: boolean, counts: StageCounts, overall: StageCounts, options: EquityOptions = {}): EquityGroup {
  const ratio = options.shortfallRatio ?? DEFAULT_SHORTFALL_RATIO;
  const minimum = options.minimumGroupSize ?? DEFAULT_MINIMUM_GROUP_SIZE;
  const later = FUNNEL_STAGES.slice(1);
  const stepComparisons = later.map((to, i) => compare(FUNNEL_STAGES[i], to, counts, overall, ratio, minimum));
  const overallComparisons = later.map((to) => compare('registered', to, counts, overall, ratio, minimum));
  const shortfalls = [...stepComparisons, ...overallComparisons]
    .filter((c) => c.flag === 'shortfall')
    .map((c) => `${STAGE_LABELS[c.from]} → ${STAGE_LABELS[c.to]}: ${c.groupRate.percent}% against ${c.overallRate.percent}% overall (${c.ratio} of the overall rate)`);
  return { group, undisclosed, stages: funnelStages(counts), stepComparisons, overallComparisons, flagged: shortfalls.length > 0, shortfalls };
}

export const emptyCounts = (): StageCounts => ({ registered: 0, completedTraining: 0, startedPlacement: 0, enteredEmployment: 0, sustained26Weeks: 0 });

export function addCounts(into: StageCounts, more: StageCounts): StageCounts {
  for (const stage of FUNNEL_STAGES) into[stage] += more[stage];
  return into;
}
