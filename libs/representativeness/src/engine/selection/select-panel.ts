/*
 * Fair selection end to end: validate, group into types, find a distribution over quota-meeting
 * panels that maximises the smallest chance (MAXIMIN, or LEXIMIN), then draw: from a lottery of
 * tickets (by default the fewest that keep the smallest chance within 1% of the exact optimum) or
 * straight from the exact distribution, with the recorded seed. Every step is bounded by work done,
 * never by the clock, so the same inputs and seed give the same output on any machine.
 */
import { explainChances } from './chance-explanation';
import { coverTypes, diversePanels, findDistribution, LeximinBudget } from './column-generation';
import { relaxWithinFlex } from './flex-relaxation';
import { discardHighs, Highs, loadHighs } from './highs-runtime';
import { explainInfeasibility } from './infeasibility';
import { drawFromDistribution, drawPanel, Lottery, lotteryTypeProbabilities, roundToLottery, smallestFairLottery, support } from './lottery';
import { PanelSearch } from './panel-search';
import { buildProblem, rowCounts, SelectionProblem } from './person-types';
import { seededRandom } from './seeded-random';
import { InfeasibilityExplanation, QuotaRelaxation, SelectionInput, SelectionInfeasibleError, SelectionResult, SelectionValidationError, SolverError, ValidationIssue } from './types';
import { respondentIssues, validateSelectionInput } from './validation';

export interface SelectionOptions {
  /** @deprecated Ignored: LEXIMIN is bounded by work (`leximinBudget`) so that a busy machine gives the same result as a quiet one. */
  leximinBudgetSeconds?: number;
  /** LEXIMIN's work budget beyond MAXIMIN; when it runs out the result says so (stats.leximinStatus). */
  leximinBudget?: LeximinBudget;
}

function minimumOver(types: readonly number[], chances: ArrayLike<number>): number {
  // Reduce, not Math.min(...): a pool of 100,000 would overflow the argument list.
  return types.reduce((m, t) => Math.min(m, chances[t]), 1);
}

/** The problem to solve: as given, or with quotas moved within their flex when no panel meets them all. */
interface Solvable {
  problem: SelectionProblem;
  search: PanelSearch;
  /** A panel meeting the (possibly relaxed) quotas. */
  first: Int32Array;
  relaxed?: QuotaRelaxation[];
}

function solvableProblem(highs: Highs, input: SelectionInput, alreadySelected: number[]): Solvable {
  const problem = buildProblem(input.respondents, input.quotas, input.panelSize, { alreadySelected });
  const search = new PanelSearch(highs, problem);
  const first = search.best(new Float64Array(problem.types.length));
  if (first) return { problem, search, first: first.counts };
  search.dispose();
  const explanation = explainInfeasibility(highs, problem);
  const relaxed = relaxWithinFlex(highs, problem, input.quotas);
  if (!relaxed) throw new SelectionInfeasibleError(explanation);
  const relaxedProblem = buildProblem(input.respondents, relaxed.quotas, input.panelSize, { alreadySelected });
  const relaxedSearch = new PanelSearch(highs, relaxedProblem);
  const relaxedFirst = relaxedSearch.best(new Float64Array(relaxedProblem.types.length));
  if (!relaxedFirst) {
    relaxedSearch.dispose();
    throw new SolverError('The quotas relaxed within their flex still admit no panel');
  }
  return { problem: relaxedProblem, search: relaxedSearch, first: relaxedFirst.counts, relaxed: relaxed.moved };
}

export async function selectPanel(input: SelectionInput, options: SelectionOptions = {}): Promise<SelectionResult> {
  const started = Date.now();
  validateSelectionInput(input);
  const algorithm = input.algorithm ?? 'maximin';
  const draw = input.draw ?? 'lottery';
  const indexOf = new Map(input.respondents.map((r, i) => [r.id, i]));
  const alreadySelected = (input.alreadySelected ?? []).map((id) => indexOf.get(id) as number);
  const highs = await loadHighs();
  const { problem, search, first, relaxed } = solvableProblem(highs, input, alreadySelected);
  try {
    const cover = coverTypes(problem, search, first);
    const active = problem.types.map((_, t) => t).filter((t) => cover.covered[t]);
    // Diverse panels beside the covering ones, about one per active type: at pool 2,000 (550 types)
    // 400 of them cut MAXIMIN's LP rounds from 78 to 33 (N 45) and from 59 to 7 (N 150), and its
    // simplex iterations by half or more; the cheap swap search makes each of them cost well under a
    // millisecond, while the LP rounds they save cost tens.
    const rounds = Math.min(400, active.length + 10);
    const initial = [...cover.panels, ...diversePanels(problem, cover.panels, rounds)];
    const distribution = findDistribution(highs, problem, search, active, initial, { algorithm, leximinBudget: options.leximinBudget });

    const exactMinimumActive = minimumOver(active, distribution.typeProbabilities);
    const exactMinimum = active.length === problem.types.length ? exactMinimumActive : 0;
    const random = seededRandom(input.seed);
    const exact = support(distribution.panels, distribution.weights);
    let lottery: Lottery | undefined;
    let typeProbabilities: Float64Array;
    let drawn: { panelIndex: number; members: number[] };
    if (draw === 'exact') {
      typeProbabilities = distribution.typeProbabilities;
      drawn = drawFromDistribution(problem, exact.panels, exact.weights, random);
    } else {
      lottery =
        input.lotterySize !== undefined
          ? roundToLottery(highs, problem, distribution.panels, distribution.weights, input.lotterySize, active)
          : smallestFairLottery(problem, distribution.panels, distribution.weights, active, exactMinimumActive, input.maxLotteryLoss ?? 0.01);
      typeProbabilities = lotteryTypeProbabilities(problem, lottery);
      drawn = drawPanel(problem, lottery, random);
    }
    const drawnPanels = lottery ? lottery.panels : exact.panels;
    const selected = rowCounts(problem, drawnPanels[drawn.panelIndex]);
    const personChances = input.respondents.map((_, i) => typeProbabilities[problem.typeOf[i]]);
    const minimumProbability = personChances.reduce((m, p) => Math.min(m, p), 1);
    const lotteryMinimumActive = minimumOver(active, typeProbabilities);
    return {
      panel: drawn.members.map((i) => input.respondents[i].id),
      probabilities: input.respondents.map((r, i) => ({ id: r.id, probability: personChances[i] })),
      minimumProbability,
      equalChance: input.panelSize / input.respondents.length,
      quotaTable: problem.rows.slice(0, problem.quotaCount).map((row, r) => ({ category: row.category, feature: row.feature, min: row.min, max: row.max, selected: selected[r] })),
      seed: input.seed,
      algorithm,
      lotterySize: lottery?.size ?? 0,
      panelsInLottery: drawnPanels.length,
      unroundedMinimumProbability: exactMinimum,
      exactMinimumProbability: exactMinimum,
      lotteryMinimumProbability: minimumProbability,
      lotteryLoss: exactMinimumActive > 0 ? Math.max(0, (exactMinimumActive - lotteryMinimumActive) / exactMinimumActive) : 0,
      draw,
      exactProbabilities: input.respondents.map((_, i) => distribution.typeProbabilities[problem.typeOf[i]]),
      explanations: explainChances(problem, input.respondents, personChances, drawnPanels, new Set(alreadySelected)),
      ...(relaxed ? { relaxedQuotas: relaxed } : {}),
      alreadySelected: alreadySelected.map((i) => input.respondents[i].id),
      lottery: drawnPanels.map((counts, p) => ({
        weight: lottery ? lottery.tickets[p] / lottery.size : exact.weights[p],
        tickets: lottery ? lottery.tickets[p] : 0,
        quotaCounts: rowCounts(problem, counts).slice(0, problem.quotaCount),
      })),
      drawnPanel: drawn.panelIndex,
      stats: {
        types: problem.types.length,
        panelsGenerated: distribution.panels.length,
        pricingSolves: distribution.pricingSolves,
        seconds: (Date.now() - started) / 1000,
        lpRecoveries: distribution.lpRecoveries,
        ...(algorithm === 'leximin' ? { leximinComplete: distribution.leximinStatus === 'complete', leximinStatus: distribution.leximinStatus, leximinLevels: distribution.levels.length } : {}),
      },
    };
  } catch (error) {
    // A WebAssembly failure can leave the runtime unusable; the next call loads a fresh one.
    if (error instanceof SolverError) discardHighs();
    throw error;
  } finally {
    search.dispose();
  }
}

/**
 * The nearest feasible quotas for a pool, without selecting: for a caller that already knows the
 * quotas conflict (e.g. minimums that add up past the panel size) and wants the minimal relaxation.
 */
export async function nearestFeasibleQuotas(input: Pick<SelectionInput, 'respondents' | 'quotas' | 'panelSize'>): Promise<InfeasibilityExplanation> {
  const issues: ValidationIssue[] = respondentIssues(input);
  if (!Number.isInteger(input.panelSize) || input.panelSize < 1 || input.panelSize > input.respondents.length) {
    issues.push({ field: 'panelSize', rule: 'panel-size-exceeds-pool', message: `The panel size ${input.panelSize} must be between 1 and the pool size ${input.respondents.length}` });
  }
  if (issues.length) throw new SelectionValidationError(issues);
  const problem = buildProblem(input.respondents, input.quotas, input.panelSize);
  return explainInfeasibility(await loadHighs(), problem);
}
