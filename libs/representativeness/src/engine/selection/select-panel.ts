/*
 * Fair selection end to end: validate, group into types, find a distribution over quota-meeting
 * panels that maximises the smallest chance (MAXIMIN, or LEXIMIN), round it to a lottery of M
 * tickets and draw one with the recorded seed.
 */
import { coverTypes, diversePanels, findDistribution } from './column-generation';
import { discardHighs, loadHighs } from './highs-runtime';
import { explainInfeasibility } from './infeasibility';
import { drawPanel, lotteryTypeProbabilities, roundToLottery } from './lottery';
import { PanelSearch } from './panel-search';
import { buildProblem, rowCounts } from './person-types';
import { seededRandom } from './seeded-random';
import {
  InfeasibilityExplanation,
  SelectionInput,
  SelectionInfeasibleError,
  SelectionResult,
  SelectionValidationError,
  SolverError,
  ValidationIssue,
} from './types';
import { respondentIssues, validateSelectionInput } from './validation';

export interface SelectionOptions {
  /** LEXIMIN keeps refining level by level until done or this many seconds after MAXIMIN (default 30). */
  leximinBudgetSeconds?: number;
}

export async function selectPanel(input: SelectionInput, options: SelectionOptions = {}): Promise<SelectionResult> {
  const started = Date.now();
  validateSelectionInput(input);
  const algorithm = input.algorithm ?? 'maximin';
  const lotterySize = input.lotterySize ?? 1000;
  const problem = buildProblem(input.respondents, input.quotas, input.panelSize);
  const highs = await loadHighs();
  const search = new PanelSearch(highs, problem);
  try {
    const first = search.best(new Float64Array(problem.types.length));
    if (!first) throw new SelectionInfeasibleError(explainInfeasibility(highs, problem));

    const cover = coverTypes(problem, search, first.counts);
    const active = problem.types.map((_, t) => t).filter((t) => cover.covered[t]);
    // A few dozen diverse panels beside the covering ones; more did not speed convergence in benchmarks.
    const rounds = Math.min(100, Math.ceil((2 * active.length) / Math.max(1, Math.min(problem.panelSize, active.length))) + 10);
    const initial = [...cover.panels, ...diversePanels(problem, cover.panels, rounds)];
    const distribution = findDistribution(highs, problem, search, active, initial, {
      algorithm,
      leximinBudgetSeconds: options.leximinBudgetSeconds,
    });

    const lottery = roundToLottery(highs, problem, distribution.panels, distribution.weights, lotterySize, active);
    const typeProbabilities = lotteryTypeProbabilities(problem, lottery);
    const drawn = drawPanel(problem, lottery, seededRandom(input.seed));
    const selected = rowCounts(problem, lottery.panels[drawn.panelIndex]);

    const probabilities = input.respondents.map((r, i) => ({ id: r.id, probability: typeProbabilities[problem.typeOf[i]] }));
    // Reduce, not Math.min(...): a pool of 100,000 would overflow the argument list.
    const exactMinimum = active.length === problem.types.length ? active.reduce((m, t) => Math.min(m, distribution.typeProbabilities[t]), 1) : 0;
    return {
      panel: drawn.members.map((i) => input.respondents[i].id),
      probabilities,
      minimumProbability: probabilities.reduce((m, p) => Math.min(m, p.probability), 1),
      equalChance: input.panelSize / input.respondents.length,
      quotaTable: problem.rows.map((row, r) => ({ category: row.category, feature: row.feature, min: row.min, max: row.max, selected: selected[r] })),
      seed: input.seed,
      algorithm,
      lotterySize,
      panelsInLottery: lottery.panels.length,
      unroundedMinimumProbability: exactMinimum,
      stats: {
        types: problem.types.length,
        panelsGenerated: distribution.panels.length,
        pricingSolves: distribution.pricingSolves,
        seconds: (Date.now() - started) / 1000,
        ...(algorithm === 'leximin' ? { leximinComplete: distribution.complete } : {}),
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
