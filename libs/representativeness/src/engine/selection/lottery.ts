/*
 * From an exact distribution over panels to a published lottery of M tickets (default 1,000), and
 * the draw. Each panel's ticket count moves by less than one from its exact share; a greedy pass
 * gives the spare tickets to whoever is furthest below their exact chance, then a short ILP
 * minimises the largest shortfall, never letting a type that had a chance lose it.
 * Within a type the drawn panel's places go to members chosen uniformly, so each member's chance
 * is exactly the type's.
 */
import { createModel, cscFrom, Highs, MODEL_STATUS, runModel, solverStep } from './highs-runtime';
import { SelectionProblem } from './person-types';
import { sampleWithoutReplacement, SeededRandom } from './seeded-random';

export interface Lottery {
  panels: Int32Array[];
  /** Tickets per panel; they sum to `size`. */
  tickets: number[];
  size: number;
}

/**
 * The rounding search stops after a fixed amount of work, never of time: a clock-bound search finds
 * different lotteries on a busy machine and a quiet one, and the same seed must draw the same panel.
 * The root node (with HiGHS's heuristics) already finds the lottery deeper search would: at pool
 * 2,000 more nodes changed no probability and cost seconds.
 */
const ROUNDING_MAX_NODES = 1;

/** Expected tickets-worth of places per type: sum over panels of tickets x count / size. */
function ticketShares(problem: SelectionProblem, panels: readonly Int32Array[], tickets: readonly number[], active: readonly number[]): Float64Array {
  const shares = new Float64Array(problem.types.length);
  panels.forEach((counts, p) => {
    if (!tickets[p]) return;
    for (const t of active) if (counts[t]) shares[t] += (tickets[p] * counts[t]) / problem.types[t].members.length;
  });
  return shares;
}

/**
 * Rounds every panel down, then hands the remaining tickets one at a time to the panel (among
 * those rounded down) that best serves the type furthest below its exact chance: the smallest
 * probability is what the lottery exists to protect.
 */
export function greedyRounding(problem: SelectionProblem, panels: readonly Int32Array[], exact: readonly number[], size: number, active: readonly number[]): number[] {
  const tickets = exact.map(Math.floor);
  const target = ticketShares(problem, panels, exact, active);
  const current = ticketShares(problem, panels, tickets, active);
  const members = panels.map((counts) => active.filter((t) => counts[t] > 0));
  const open = new Set(exact.map((_, p) => p).filter((p) => exact[p] > tickets[p]));
  for (let left = size - tickets.reduce((a, b) => a + b, 0); left > 0 && open.size; left--) {
    let best = -1;
    let bestScore = -Infinity;
    for (const p of open) {
      let worst = -Infinity;
      let total = 0;
      for (const t of members[p]) {
        const deficit = target[t] - current[t];
        if (deficit > worst) worst = deficit;
        if (deficit > 0) total += deficit;
      }
      const score = worst * 1e3 + total + (exact[p] - tickets[p]) * 1e-3;
      if (score > bestScore) [best, bestScore] = [p, score];
    }
    tickets[best]++;
    open.delete(best);
    for (const t of members[best]) current[t] += panels[best][t] / problem.types[t].members.length;
  }
  return tickets;
}

function largestShortfall(problem: SelectionProblem, panels: readonly Int32Array[], tickets: readonly number[], target: Float64Array, active: readonly number[]): number {
  const shares = ticketShares(problem, panels, tickets, active);
  return Math.max(0, ...active.map((t) => target[t] - shares[t]));
}

/** Improves a rounding by ILP: each panel's tickets move by less than one; minimise the largest shortfall. */
function roundByIlp(highs: Highs, problem: SelectionProblem, panels: Int32Array[], exact: number[], size: number, active: readonly number[], start: number[]): number[] | undefined {
  const P = panels.length;
  const target = ticketShares(problem, panels, exact, active);
  // Rows: 0 = ticket total; then per active type: its shortfall is at most e, and it keeps a chance.
  const rowLower: number[] = [size];
  const rowUpper: number[] = [size];
  for (const t of active) {
    rowLower.push(target[t], 1);
    rowUpper.push(highs.infinity, highs.infinity);
  }
  const columns: Array<Array<readonly [number, number]>> = panels.map((counts) => {
    const entries: Array<readonly [number, number]> = [[0, 1]];
    active.forEach((t, i) => {
      if (counts[t]) entries.push([1 + 2 * i, counts[t] / problem.types[t].members.length], [2 + 2 * i, 1]);
    });
    return entries;
  });
  columns.push(active.map((_, i) => [1 + 2 * i, 1] as const));
  const model = createModel(
    highs,
    {
      numCols: P + 1,
      numRows: rowLower.length,
      colCost: [...new Array<number>(P).fill(0), 1],
      colLower: [...exact.map(Math.floor), 0],
      colUpper: [...exact.map(Math.ceil), highs.infinity],
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: rowLower.length, numCols: P + 1, ...cscFrom(columns) },
      integrality: [...new Array(P).fill(highs.constants.variableType.integer), highs.constants.variableType.continuous],
    },
    'lottery rounding',
    // A tenth of a ticket from the best possible is as good as proven optimal here.
    { mip_max_nodes: ROUNDING_MAX_NODES, mip_abs_gap: 0.1, mip_rel_gap: 0 },
  );
  try {
    solverStep('offering a starting lottery', () => model.setSolution({ colValue: [...start, largestShortfall(problem, panels, start, target, active)] }));
    const status = runModel(model, 'lottery rounding');
    const hasSolution = solverStep('reading the lottery rounding', () => Number(model.info.get('primal_solution_status')) === 2);
    if (!hasSolution || status === MODEL_STATUS.infeasible) return undefined;
    const values = solverStep('reading the lottery rounding', () => model.getSolution().colValue);
    const tickets = Array.from(values.subarray(0, P), (v) => Math.round(v));
    const better = largestShortfall(problem, panels, tickets, target, active) < largestShortfall(problem, panels, start, target, active);
    return better && tickets.reduce((a, b) => a + b, 0) === size ? tickets : undefined;
  } finally {
    model.dispose();
  }
}

/** The panels the exact distribution uses, with their weights summing to 1. */
export function support(panels: Int32Array[], weights: readonly number[]): { panels: Int32Array[]; weights: number[] } {
  const used = panels.map((counts, i) => ({ counts, weight: weights[i] })).filter((p) => p.weight > 1e-9);
  const total = used.reduce((s, p) => s + p.weight, 0);
  return { panels: used.map((p) => p.counts), weights: used.map((p) => p.weight / total) };
}

function lotteryFrom(panels: Int32Array[], tickets: number[], size: number): Lottery {
  const kept = panels.map((counts, i) => ({ counts, tickets: tickets[i] })).filter((p) => p.tickets > 0);
  return { panels: kept.map((p) => p.counts), tickets: kept.map((p) => p.tickets), size };
}

/** A lottery of exactly `size` tickets: the greedy rounding, improved by the rounding ILP (for a physical draw of a set size). */
export function roundToLottery(highs: Highs, problem: SelectionProblem, panels: Int32Array[], weights: readonly number[], size: number, active: readonly number[]): Lottery {
  const used = support(panels, weights);
  const exact = used.weights.map((w) => w * size);
  const greedy = greedyRounding(problem, used.panels, exact, size, active);
  const tickets = roundByIlp(highs, problem, used.panels, exact, size, active, greedy) ?? greedy;
  return lotteryFrom(used.panels, tickets, size);
}

/** Ticket counts tried, smallest first: round numbers a reader can check by hand. */
export const LOTTERY_SIZES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];

/**
 * The smallest lottery on the ladder whose smallest chance (among people who can be chosen at all)
 * is within `maxLoss` of the exact optimum. Greedy rounding alone: past a few thousand tickets the
 * ILP gains nothing the next rung would not, and it is the slowest step of a selection.
 * Falls back to the largest rung, whose loss the caller reports.
 */
export function smallestFairLottery(problem: SelectionProblem, panels: Int32Array[], weights: readonly number[], active: readonly number[], exactMinimum: number, maxLoss: number): Lottery {
  const used = support(panels, weights);
  let lottery: Lottery | undefined;
  for (const size of LOTTERY_SIZES) {
    lottery = lotteryFrom(
      used.panels,
      greedyRounding(
        problem,
        used.panels,
        used.weights.map((w) => w * size),
        size,
        active,
      ),
      size,
    );
    const chances = lotteryTypeProbabilities(problem, lottery);
    const minimum = active.reduce((m, t) => Math.min(m, chances[t]), 1);
    if (minimum >= exactMinimum * (1 - maxLoss)) break;
  }
  return lottery as Lottery;
}

/**
 * Draws straight from the exact distribution: one uniform number from the seed against the
 * cumulative weights of the panels, in the order the solver found them (the same on every machine).
 */
export function drawFromDistribution(problem: SelectionProblem, panels: Int32Array[], weights: readonly number[], random: SeededRandom): { panelIndex: number; members: number[] } {
  const u = random.next();
  let panelIndex = 0;
  for (let acc = weights[0]; acc <= u && panelIndex < weights.length - 1; acc += weights[++panelIndex]);
  return { panelIndex, members: membersFor(problem, panels[panelIndex], random) };
}

function membersFor(problem: SelectionProblem, counts: Int32Array, random: SeededRandom): number[] {
  const members: number[] = [];
  problem.types.forEach((type, t) => {
    if (counts[t]) members.push(...sampleWithoutReplacement(type.members, counts[t], random));
  });
  return members.sort((a, b) => a - b);
}

/** Each type's probability under the lottery (a member's chance of selection). */
export function lotteryTypeProbabilities(problem: SelectionProblem, lottery: Lottery): Float64Array {
  const probabilities = new Float64Array(problem.types.length);
  lottery.panels.forEach((counts, p) => {
    for (let t = 0; t < counts.length; t++) {
      if (counts[t]) probabilities[t] += (lottery.tickets[p] * counts[t]) / (lottery.size * problem.types[t].members.length);
    }
  });
  return probabilities;
}

/** Draws a ticket, then the members who fill each type's places; returns respondent indices in input order. */
export function drawPanel(problem: SelectionProblem, lottery: Lottery, random: SeededRandom): { panelIndex: number; members: number[] } {
  let ticket = random.below(lottery.size);
  let panelIndex = 0;
  while (ticket >= lottery.tickets[panelIndex]) ticket -= lottery.tickets[panelIndex++];
  return { panelIndex, members: membersFor(problem, lottery.panels[panelIndex], random) };
}
