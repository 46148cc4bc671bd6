/*
 * People with identical values on every quota category are interchangeable for the quotas, so the
 * solver works on types (a few hundred) instead of people (thousands): a panel becomes a count per
 * type, and by symmetry an optimal lottery gives every member of a type the same chance.
 */
import { componentsOf, featureOf } from './validation';
import { Quota, Respondent } from './types';

export type RowKind = 'quota' | 'household' | 'already-selected';

export interface QuotaRow extends Quota {
  /** Types having this feature. */
  types: number[];
  kind: RowKind;
}

/** Category names of the internal rows; the NUL keeps them apart from any category a file can name. */
export const HOUSEHOLD_CATEGORY = '\u0000household';
export const ALREADY_SELECTED_CATEGORY = '\u0000already selected';

export interface PersonType {
  /** Indices into the respondents array, in input order. */
  members: number[];
  /** Quota rows this type counts towards. */
  rows: number[];
}

export interface SelectionProblem {
  panelSize: number;
  types: PersonType[];
  rows: QuotaRow[];
  /** Type of each respondent. */
  typeOf: Int32Array;
  /** Rows [0, quotaCount) are the quotas, in input order; the rest are households and people already selected. */
  quotaCount: number;
}

export interface ProblemExtras {
  /** Respondent indices that must be on the panel. */
  alreadySelected?: readonly number[];
}

/** Assumes the input passed validation (every respondent has a known feature for every quota category). */
export function buildProblem(respondents: readonly Respondent[], quotas: readonly Quota[], panelSize: number, extras: ProblemExtras = {}): SelectionProblem {
  const base = new Set<string>();
  for (const r of respondents) for (const key of Object.keys(r.features)) base.add(key);
  const rows: QuotaRow[] = quotas.map((q) => ({ category: q.category, feature: q.feature, min: q.min, max: q.max, types: [], kind: 'quota' }));
  // Only households of two or more constrain anything; a row each keeps the model small.
  const householdSize = new Map<string, number>();
  for (const r of respondents) if (r.household !== undefined) householdSize.set(r.household, (householdSize.get(r.household) ?? 0) + 1);
  const householdRow = new Map<string, number>();
  for (const [key, size] of householdSize) {
    if (size < 2) continue;
    householdRow.set(key, rows.length);
    rows.push({ category: HOUSEHOLD_CATEGORY, feature: key, min: 0, max: 1, types: [], kind: 'household' });
  }
  const forcedRow = new Map<number, number>();
  for (const i of extras.alreadySelected ?? []) {
    forcedRow.set(i, rows.length);
    rows.push({ category: ALREADY_SELECTED_CATEGORY, feature: respondents[i].id, min: 1, max: 1, types: [], kind: 'already-selected' });
  }
  const rowIndex = new Map<string, number>(quotas.map((q, i) => [`${q.category}\u0000${q.feature}`, i]));
  const categories = [...new Set(quotas.map((q) => q.category))].map((category) => ({ category, components: componentsOf(category, base) ?? [category] }));

  const typeByKey = new Map<string, number>();
  const types: PersonType[] = [];
  const typeOf = new Int32Array(respondents.length);
  respondents.forEach((respondent, i) => {
    const memberRows: number[] = [];
    for (const { category, components } of categories) {
      const row = rowIndex.get(`${category}\u0000${featureOf(respondent.features, components)}`);
      if (row !== undefined) memberRows.push(row);
    }
    const household = respondent.household === undefined ? undefined : householdRow.get(respondent.household);
    if (household !== undefined) memberRows.push(household);
    const forced = forcedRow.get(i);
    if (forced !== undefined) memberRows.push(forced);
    const key = memberRows.join(',');
    let t = typeByKey.get(key);
    if (t === undefined) {
      t = types.length;
      typeByKey.set(key, t);
      types.push({ members: [], rows: memberRows });
      for (const row of memberRows) rows[row].types.push(t);
    }
    types[t].members.push(i);
    typeOf[i] = t;
  });
  return { panelSize, types, rows, typeOf, quotaCount: quotas.length };
}

/** How many of each quota row a panel (counts per type) contains. */
export function rowCounts(problem: SelectionProblem, counts: ArrayLike<number>): number[] {
  return problem.rows.map((row) => row.types.reduce((sum, t) => sum + counts[t], 0));
}

export function meetsQuotas(problem: SelectionProblem, counts: ArrayLike<number>): boolean {
  let size = 0;
  for (let t = 0; t < problem.types.length; t++) {
    if (counts[t] < 0 || counts[t] > problem.types[t].members.length) return false;
    size += counts[t];
  }
  return size === problem.panelSize && rowCounts(problem, counts).every((n, r) => n >= problem.rows[r].min && n <= problem.rows[r].max);
}
