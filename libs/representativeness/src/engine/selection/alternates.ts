/*
 * Alternates for a drawn panel, and the replacement when someone declines or drops out.
 *
 * Each panel member carries a drop-out risk from the organisation's own history per group (the
 * highest rate among their features). Alternates are ordered greedily by the risk they cover:
 * the sum of the risks of the members they could replace while every quota (and the household
 * rule) still holds, times their own chance of staying. After each pick, the members it covers
 * keep only their risk of a second departure. Alternates who cover the same risk are ordered by
 * the seed, so people alike have equal chances of being offered a place.
 */
import { buildProblem, rowCounts, SelectionProblem } from './person-types';
import { seededRandom } from './seeded-random';
import { Quota, QuotaOutcome, Respondent } from './types';

export interface DropOutRate {
  category: string;
  feature: string;
  /** Share of people with this feature who left early, in [0, 1]. */
  rate: number;
}

export interface AlternatesInput {
  respondents: readonly Respondent[];
  quotas: readonly Quota[];
  /** Ids of the drawn panel. */
  panel: readonly string[];
  seed: string;
  dropOutRates?: readonly DropOutRate[];
  /** Risk for a member none of whose features has a rate (default 0). */
  defaultDropOutRate?: number;
  /** Alternates to list; by default the recommended number. */
  size?: number;
}

export interface Alternate {
  id: string;
  /** Panel members this alternate can replace with every quota still met. */
  canReplace: string[];
  /** This alternate's own drop-out risk. */
  dropOutRisk: number;
}

export interface QuotaAtRisk extends QuotaOutcome {
  /** Expected departures among the panel members with this feature. */
  expectedDropOuts: number;
  /** Listed alternates with this feature. */
  alternatesWithFeature: number;
}

export interface AlternatesResult {
  alternates: Alternate[];
  /** Sum of the members' drop-out risks. */
  expectedDropOuts: number;
  /** Expected departures plus two standard deviations, rounded up (at least one where any risk is known). */
  recommendedSize: number;
  /** Quotas at their minimum on the panel whose members are expected to lose someone. */
  atRisk: QuotaAtRisk[];
}

function riskOf(problem: SelectionProblem, rates: readonly DropOutRate[], fallback: number): number[] {
  const rateOfRow = problem.rows.map((row) => rates.find((d) => d.category === row.category && d.feature === row.feature)?.rate);
  return problem.types.map((type) => {
    const known = type.rows.map((r) => rateOfRow[r]).filter((x): x is number => x !== undefined);
    return known.length ? Math.max(...known) : fallback;
  });
}

function panelState(problem: SelectionProblem, respondents: readonly Respondent[], panel: readonly string[]) {
  const index = new Map(respondents.map((r, i) => [r.id, i]));
  const members = panel.map((id) => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`The panel member "${id}" is not in the pool`);
    return i;
  });
  const counts = new Int32Array(problem.types.length);
  for (const i of members) counts[problem.typeOf[i]]++;
  return { index, members, rows: rowCounts(problem, counts) };
}

/** Rows outside their bounds after `out` leaves and `into` joins, with the counts they would have. */
function brokenRows(problem: SelectionProblem, rows: readonly number[], out: number, into: number): Array<{ row: number; count: number }> {
  const next = [...rows];
  for (const r of problem.types[problem.typeOf[out]].rows) next[r]--;
  for (const r of problem.types[problem.typeOf[into]].rows) next[r]++;
  const broken: Array<{ row: number; count: number }> = [];
  next.forEach((count, r) => {
    if (count < problem.rows[r].min || count > problem.rows[r].max) broken.push({ row: r, count });
  });
  return broken;
}

export function rankAlternates(input: AlternatesInput): AlternatesResult {
  const problem = buildProblem(input.respondents, input.quotas, input.panel.length);
  const { members, rows } = panelState(problem, input.respondents, input.panel);
  const typeRisk = riskOf(problem, input.dropOutRates ?? [], input.defaultDropOutRate ?? 0);
  const risk = members.map((i) => typeRisk[problem.typeOf[i]]);
  const onPanel = new Set(members);
  const random = seededRandom(`${input.seed}:alternates`);
  // A seeded shuffle first, so a stable sort leaves equals in the seed's order.
  const candidates = input.respondents.map((_, i) => i).filter((i) => !onPanel.has(i));
  for (let k = candidates.length - 1; k > 0; k--) {
    const j = random.below(k + 1);
    [candidates[k], candidates[j]] = [candidates[j], candidates[k]];
  }
  // Whom each type of alternate can replace depends only on the type: work it out once per type.
  const coverOfType = new Map<number, number[]>();
  const cover = (a: number) => {
    const t = problem.typeOf[a];
    let list = coverOfType.get(t);
    if (!list) {
      list = members.map((m, k) => (brokenRows(problem, rows, m, a).length ? -1 : k)).filter((k) => k >= 0);
      coverOfType.set(t, list);
    }
    return list;
  };

  const expected = risk.reduce((a, b) => a + b, 0);
  const spread = Math.sqrt(risk.reduce((a, d) => a + d * (1 - d), 0));
  const recommendedSize = Math.min(candidates.length, expected > 0 ? Math.max(1, Math.ceil(expected + 2 * spread - 1e-9)) : 0);
  const size = Math.min(candidates.length, input.size ?? recommendedSize);
  // With no history every member counts the same, so the order still favours alternates who can replace more people.
  const weight = expected > 0 ? [...risk] : risk.map(() => 1);
  const left = new Set(candidates);
  const chosen: number[] = [];
  while (chosen.length < size) {
    let best = -1;
    let bestValue = -1;
    for (const a of candidates) {
      if (!left.has(a)) continue;
      const value = cover(a).reduce((s, k) => s + weight[k], 0) * (1 - typeRisk[problem.typeOf[a]]);
      if (value > bestValue + 1e-12) [best, bestValue] = [a, value];
    }
    chosen.push(best);
    left.delete(best);
    for (const k of cover(best)) weight[k] *= expected > 0 ? risk[k] : 0.5;
  }

  const atRisk: QuotaAtRisk[] = [];
  for (let r = 0; r < problem.quotaCount; r++) {
    const row = problem.rows[r];
    const inRow = new Set(row.types);
    const expectedDropOuts = members.reduce((s, m, k) => s + (inRow.has(problem.typeOf[m]) ? risk[k] : 0), 0);
    if (rows[r] > row.min || expectedDropOuts <= 0) continue;
    const alternatesWithFeature = chosen.filter((a) => inRow.has(problem.typeOf[a])).length;
    atRisk.push({ category: row.category, feature: row.feature, min: row.min, max: row.max, selected: rows[r], expectedDropOuts, alternatesWithFeature });
  }
  return {
    alternates: chosen.map((a) => ({ id: input.respondents[a].id, canReplace: cover(a).map((k) => input.respondents[members[k]].id), dropOutRisk: typeRisk[problem.typeOf[a]] })),
    expectedDropOuts: expected,
    recommendedSize,
    atRisk,
  };
}

export interface ReplacementInput {
  respondents: readonly Respondent[];
  quotas: readonly Quota[];
  panel: readonly string[];
  /** The panel member who declined or dropped out. */
  declined: string;
  /** Alternates in their published order; people already on the panel are skipped. */
  alternates: readonly string[];
}

export interface Replacement {
  /** The alternate offered the place, or undefined when no alternate is left. */
  replacement?: string;
  keepsQuotas: boolean;
  /** Quotas outside their bounds after the replacement (empty when it keeps them all). */
  brokenQuotas: QuotaOutcome[];
  reason: string;
}

/**
 * The first alternate in order whose joining, with the decliner gone, keeps every quota and the
 * household rule; if none can, the one breaking the fewest places in total (the earlier on ties).
 */
export function chooseReplacement(input: ReplacementInput): Replacement {
  const problem = buildProblem(input.respondents, input.quotas, input.panel.length);
  const { index, rows } = panelState(problem, input.respondents, input.panel);
  const out = index.get(input.declined);
  if (out === undefined || !input.panel.includes(input.declined)) throw new Error(`"${input.declined}" is not on the panel`);
  const onPanel = new Set(input.panel);
  const offered = input.alternates.filter((id) => !onPanel.has(id) && index.has(id));
  let fallback: { id: string; broken: Array<{ row: number; count: number }>; cost: number } | undefined;
  for (const id of offered) {
    const broken = brokenRows(problem, rows, out, index.get(id) as number);
    if (!broken.length) {
      return { replacement: id, keepsQuotas: true, brokenQuotas: [], reason: `${id} is the first alternate in order who keeps every quota in place of ${input.declined}` };
    }
    const cost = broken.reduce((s, b) => s + Math.max(problem.rows[b.row].min - b.count, b.count - problem.rows[b.row].max), 0);
    if (!fallback || cost < fallback.cost) fallback = { id, broken, cost };
  }
  if (!fallback) return { keepsQuotas: false, brokenQuotas: [], reason: `No alternate is left to replace ${input.declined}` };
  const brokenQuotas = fallback.broken.map(({ row, count }) => {
    const { category, feature, min, max, kind } = problem.rows[row];
    // A household row's key is an address: name the rule, not the address.
    if (kind === 'household') return { category: 'household', feature: 'one person per address', min, max, selected: count };
    return { category, feature, min, max, selected: count };
  });
  const named = brokenQuotas.map((q) => `${q.category}=${q.feature} (${q.selected}, wanted ${q.min}-${q.max})`).join(', ');
  return { replacement: fallback.id, keepsQuotas: false, brokenQuotas, reason: `No alternate keeps every quota in place of ${input.declined}; ${fallback.id} breaks the fewest: ${named}` };
}
