/*
 * Checks a selection's inputs before any solving, collecting every problem at once so an API can
 * answer one 400 that lists them all.
 */
import { INTERSECTION_SEPARATOR, Quota, SelectionInput, SelectionValidationError, ValidationIssue } from './types';

/** The base categories a quota category reads: itself, or an intersection's components. */
export function componentsOf(category: string, baseCategories: ReadonlySet<string>): string[] | undefined {
  if (baseCategories.has(category)) return [category];
  const parts = category.split(INTERSECTION_SEPARATOR).map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => baseCategories.has(p)) ? parts : undefined;
}

/** The value a respondent has for a quota category (joined for an intersection). */
export function featureOf(features: Readonly<Record<string, string>>, components: readonly string[]): string | undefined {
  const values = components.map((c) => features[c]);
  return values.some((v) => v === undefined || v === '') ? undefined : values.join(INTERSECTION_SEPARATOR);
}

function quotaStructureIssues(quotas: readonly Quota[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!quotas.length) issues.push({ field: 'quotas', rule: 'no-quotas', message: 'There are no quotas: give at least one category with its features' });
  const seen = new Set<string>();
  quotas.forEach((q, i) => {
    const key = `${q.category}\u0000${q.feature}`;
    if (seen.has(key)) issues.push({ field: `quotas[${i}]`, rule: 'quota-duplicate', message: `The quota ${q.category}=${q.feature} is given twice` });
    seen.add(key);
    const flexOk =
      (q.minFlex === undefined || (Number.isInteger(q.minFlex) && q.minFlex >= 0 && q.minFlex <= q.min)) && (q.maxFlex === undefined || (Number.isInteger(q.maxFlex) && q.maxFlex >= q.max));
    if (!flexOk) {
      issues.push({
        field: `quotas[${i}]`,
        rule: 'quota-flex-invalid',
        message: `The quota ${q.category}=${q.feature} needs whole numbers with 0 <= minFlex <= min and maxFlex >= max (got minFlex ${q.minFlex}, maxFlex ${q.maxFlex})`,
      });
    }
    if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min < 0 || q.max < q.min) {
      issues.push({
        field: `quotas[${i}]`,
        rule: 'quota-bounds-invalid',
        message: `The quota ${q.category}=${q.feature} needs whole numbers with 0 <= min <= max (got min ${q.min}, max ${q.max})`,
      });
    }
  });
  return issues;
}

/** Maximums need to reach N only in a single category: an intersection may leave cells free. */
function quotaSumIssues(quotas: readonly Quota[], panelSize: number, baseCategories: ReadonlySet<string>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byCategory = new Map<string, Quota[]>();
  for (const q of quotas) byCategory.set(q.category, [...(byCategory.get(q.category) ?? []), q]);
  for (const [category, rows] of byCategory) {
    // Judged at the furthest the flex lets each quota move: only then is the panel size out of reach.
    const mins = rows.reduce((s, q) => s + (q.minFlex ?? q.min), 0);
    const maxes = rows.reduce((s, q) => s + (q.maxFlex ?? q.max), 0);
    if (mins > panelSize) {
      issues.push({ field: `quotas.${category}`, rule: 'quota-mins-exceed-panel-size', message: `The minimums for ${category} add up to ${mins}, more than the panel size ${panelSize}` });
    }
    if (maxes < panelSize && baseCategories.has(category)) {
      issues.push({ field: `quotas.${category}`, rule: 'quota-maxes-below-panel-size', message: `The maximums for ${category} add up to ${maxes}, fewer than the panel size ${panelSize}` });
    }
  }
  return issues;
}

/**
 * The checks on the respondents against the quotas; also used before explaining infeasibility.
 * A single category must list every feature (as the stratification app requires); an intersection
 * may constrain only some cells, the rest being free.
 */
export function respondentIssues(input: Pick<SelectionInput, 'respondents' | 'quotas'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const base = new Set<string>();
  for (const r of input.respondents) for (const key of Object.keys(r.features)) base.add(key);
  const categories = [...new Set(input.quotas.map((q) => q.category))];
  const featuresOf = new Map<string, Set<string>>(categories.map((c) => [c, new Set(input.quotas.filter((q) => q.category === c).map((q) => q.feature))]));
  const known: Array<[string, string[]]> = [];
  for (const category of categories) {
    const components = componentsOf(category, base);
    if (components) known.push([category, components]);
    else issues.push({ field: `quotas.${category}`, rule: 'unknown-category', message: `No respondent has a value for the category "${category}"` });
  }
  const ids = new Set<string>();
  const limit = 50;
  input.respondents.forEach((r, i) => {
    if (issues.length >= limit) return;
    if (ids.has(r.id)) issues.push({ field: `respondents[${i}].id`, rule: 'respondent-id-duplicate', message: `The id "${r.id}" is used by more than one respondent` });
    ids.add(r.id);
    for (const [category, components] of known) {
      const value = featureOf(r.features, components);
      if (value === undefined) {
        const missing = components.find((c) => !r.features[c]) ?? category;
        issues.push({ field: `respondents[${i}].features.${missing}`, rule: 'missing-value', message: `Respondent ${r.id} has no value for ${missing}` });
      } else if (components.length === 1 && !featuresOf.get(category)?.has(value)) {
        issues.push({
          field: `respondents[${i}].features.${category}`,
          rule: 'unknown-feature',
          message: `Respondent ${r.id} has ${category} "${value}", which has no quota (known: ${[...(featuresOf.get(category) ?? [])].join(', ')})`,
        });
      }
    }
  });
  return issues;
}

export function validateSelectionInput(input: SelectionInput): void {
  const issues: ValidationIssue[] = [];
  const n = input.panelSize;
  if (!Number.isInteger(n) || n < 1) issues.push({ field: 'panelSize', rule: 'panel-size-invalid', message: `The panel size must be a whole number of at least 1 (got ${n})` });
  else if (n > input.respondents.length) {
    issues.push({ field: 'panelSize', rule: 'panel-size-exceeds-pool', message: `The panel size ${n} is larger than the pool of ${input.respondents.length}` });
  }
  const lottery = input.lotterySize ?? 1000;
  if (!Number.isInteger(lottery) || lottery < 1) issues.push({ field: 'lotterySize', rule: 'lottery-size-invalid', message: `The lottery size must be a whole number of at least 1 (got ${lottery})` });
  const loss = input.maxLotteryLoss ?? 0.01;
  if (!(loss > 0 && loss < 1)) issues.push({ field: 'maxLotteryLoss', rule: 'lottery-loss-invalid', message: `The largest lottery loss must be above 0 and below 1 (got ${loss})` });
  issues.push(...quotaStructureIssues(input.quotas));
  issues.push(...alreadySelectedIssues(input));
  const base = new Set(input.respondents.flatMap((r) => Object.keys(r.features)));
  if (Number.isInteger(n) && n >= 1) issues.push(...quotaSumIssues(input.quotas, n, base));
  issues.push(...respondentIssues(input));
  if (issues.length) throw new SelectionValidationError(issues);
}

function alreadySelectedIssues(input: SelectionInput): ValidationIssue[] {
  const chosen = input.alreadySelected ?? [];
  if (!chosen.length) return [];
  const issues: ValidationIssue[] = [];
  const byId = new Map(input.respondents.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const households = new Map<string, string>();
  chosen.forEach((id, i) => {
    const field = `alreadySelected[${i}]`;
    const person = byId.get(id);
    if (!person) issues.push({ field, rule: 'already-selected-unknown', message: `"${id}" is already selected but not in the pool` });
    else if (seen.has(id)) issues.push({ field, rule: 'already-selected-duplicate', message: `"${id}" is listed as already selected twice` });
    else if (person.household !== undefined && households.has(person.household)) {
      issues.push({ field, rule: 'already-selected-same-household', message: `"${id}" and "${households.get(person.household)}" are both already selected but live at the same address` });
    }
    seen.add(id);
    if (person?.household !== undefined && !households.has(person.household)) households.set(person.household, id);
  });
  if (Number.isInteger(input.panelSize) && chosen.length > input.panelSize) {
    issues.push({ field: 'alreadySelected', rule: 'already-selected-exceeds-panel-size', message: `${chosen.length} people are already selected, more than the panel size ${input.panelSize}` });
  }
  return issues;
}

/** Rules that mean "these quotas cannot be met" rather than "this input is malformed". */
export const INFEASIBLE_QUOTA_RULES: ReadonlySet<ValidationIssue['rule']> = new Set(['quota-mins-exceed-panel-size', 'quota-maxes-below-panel-size']);
