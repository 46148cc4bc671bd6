import { selectPanel } from './select-panel';
import { Quota, Respondent, SelectionInfeasibleError, SelectionValidationError } from './types';

/** `count` people of each listed feature combination, ids P1, P2, ... */
function pool(groups: Array<[Record<string, string>, number]>): Respondent[] {
  const people: Respondent[] = [];
  for (const [features, count] of groups) for (let i = 0; i < count; i++) people.push({ id: `P${people.length + 1}`, features });
  return people;
}

const q = (category: string, feature: string, min: number, max: number): Quota => ({ category, feature, min, max });

// 40 people, skewed: many older women in the north.
const skewed = pool([
  [{ sex: 'Female', age: 'Older', area: 'North' }, 14],
  [{ sex: 'Female', age: 'Younger', area: 'North' }, 4],
  [{ sex: 'Female', age: 'Older', area: 'South' }, 6],
  [{ sex: 'Female', age: 'Younger', area: 'South' }, 2],
  [{ sex: 'Male', age: 'Older', area: 'North' }, 5],
  [{ sex: 'Male', age: 'Younger', area: 'North' }, 3],
  [{ sex: 'Male', age: 'Older', area: 'South' }, 3],
  [{ sex: 'Male', age: 'Younger', area: 'South' }, 3],
]);
const skewedQuotas = [q('sex', 'Female', 4, 6), q('sex', 'Male', 4, 6), q('age', 'Older', 4, 6), q('age', 'Younger', 4, 6), q('area', 'North', 4, 6), q('area', 'South', 4, 6)];

describe('selectPanel', () => {
  it('draws a panel of the right size that meets every quota, and reports the quota table', async () => {
    const result = await selectPanel({ respondents: skewed, quotas: skewedQuotas, panelSize: 10, seed: 'quotas' });
    expect(result.panel).toHaveLength(10);
    expect(new Set(result.panel).size).toBe(10);
    const chosen = skewed.filter((r) => result.panel.includes(r.id));
    for (const row of result.quotaTable) {
      const selected = chosen.filter((r) => r.features[row.category] === row.feature).length;
      expect(row.selected).toBe(selected);
      expect(selected).toBeGreaterThanOrEqual(row.min);
      expect(selected).toBeLessThanOrEqual(row.max);
    }
    expect(result.equalChance).toBeCloseTo(0.25);
    expect(result.lotterySize).toBe(1000);
    expect(result.seed).toBe('quotas');
    const total = result.probabilities.reduce((s, p) => s + p.probability, 0);
    expect(total).toBeCloseTo(10, 9);
    expect(result.minimumProbability).toBe(Math.min(...result.probabilities.map((p) => p.probability)));
    expect(result.minimumProbability).toBeGreaterThan(0);
  });

  it('gives the same panel for the same seed, and different panels for different seeds', async () => {
    const input = { respondents: skewed, quotas: skewedQuotas, panelSize: 10 };
    const first = await selectPanel({ ...input, seed: 'repeatable' });
    const again = await selectPanel({ ...input, seed: 'repeatable' });
    expect(again.panel).toEqual(first.panel);
    expect(again.probabilities).toEqual(first.probabilities);
    const others = await Promise.all(['a', 'b', 'c', 'd'].map((seed) => selectPanel({ ...input, seed })));
    expect(new Set([first, ...others].map((r) => r.panel.join(','))).size).toBeGreaterThan(1);
  });

  it('gives everyone N/pool where equal chances are achievable', async () => {
    const symmetric = pool([
      [{ sex: 'Female', area: 'North' }, 3],
      [{ sex: 'Female', area: 'South' }, 3],
      [{ sex: 'Male', area: 'North' }, 3],
      [{ sex: 'Male', area: 'South' }, 3],
    ]);
    // Only panels with 2 women and 2 northerners: (1,1,1,1), (2,0,0,2), (0,2,2,0) mix to equal chances.
    const quotas = [q('sex', 'Female', 2, 2), q('sex', 'Male', 2, 2), q('area', 'North', 2, 2), q('area', 'South', 2, 2)];
    for (const algorithm of ['maximin', 'leximin'] as const) {
      const result = await selectPanel({ respondents: symmetric, quotas, panelSize: 4, seed: 's', algorithm });
      expect(Math.abs(result.unroundedMinimumProbability - 4 / 12)).toBeLessThan(1e-6);
      expect(Math.abs(result.minimumProbability - 4 / 12)).toBeLessThanOrEqual(1 / 1000);
    }
  });

  it('gives a positive probability to everyone who appears in some feasible panel', async () => {
    // Only one panel in many includes the lone younger man; people who can never be chosen (max 0) get 0.
    const people = pool([
      [{ sex: 'Female', age: 'Older', area: 'North' }, 20],
      [{ sex: 'Male', age: 'Younger', area: 'North' }, 1],
      [{ sex: 'Male', age: 'Older', area: 'North' }, 10],
      [{ sex: 'Male', age: 'Older', area: 'South' }, 4],
    ]);
    const quotas = [q('sex', 'Female', 3, 5), q('sex', 'Male', 0, 2), q('age', 'Older', 4, 5), q('age', 'Younger', 0, 1), q('area', 'North', 5, 5), q('area', 'South', 0, 0)];
    const result = await selectPanel({ respondents: people, quotas, panelSize: 5, seed: 'cover' });
    for (const { id, probability } of result.probabilities) {
      const person = people.find((p) => p.id === id);
      if (person?.features.area === 'South') expect(probability).toBe(0);
      else expect(probability).toBeGreaterThan(0);
    }
  });

  it('meets quotas on an intersection (locality x age) as well as on single categories', async () => {
    const quotas = [...skewedQuotas, q('area x age', 'South x Younger', 2, 3), q('area x age', 'North x Younger', 1, 2)];
    const result = await selectPanel({ respondents: skewed, quotas, panelSize: 10, seed: 'cells' });
    const chosen = skewed.filter((r) => result.panel.includes(r.id));
    const southYoung = chosen.filter((r) => r.features.area === 'South' && r.features.age === 'Younger').length;
    expect(southYoung).toBeGreaterThanOrEqual(2);
    expect(result.quotaTable.find((row) => row.feature === 'South x Younger')?.selected).toBe(southYoung);
  });

  it('explains quotas that cannot all be met: the conflicting ones and the nearest feasible quotas', async () => {
    const people = pool([
      [{ sex: 'Female', area: 'North' }, 5],
      [{ sex: 'Male', area: 'South' }, 5],
    ]);
    const quotas = [q('sex', 'Female', 3, 4), q('sex', 'Male', 0, 4), q('area', 'North', 0, 1), q('area', 'South', 0, 4)];
    const error = await selectPanel({ respondents: people, quotas, panelSize: 4, seed: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SelectionInfeasibleError);
    const { explanation } = error as SelectionInfeasibleError;
    expect(explanation.conflictingCategories.sort()).toEqual(['area', 'sex']);
    expect(explanation.conflicting).toEqual(expect.arrayContaining([q('sex', 'Female', 3, 4), q('area', 'North', 0, 1)]));
    expect(explanation.totalRelaxation).toBe(2);
    const relaxed = explanation.nearestFeasible.map(({ category, feature, feasibleMin, feasibleMax }) => q(category, feature, feasibleMin, feasibleMax));
    await expect(selectPanel({ respondents: people, quotas: relaxed, panelSize: 4, seed: 'x' })).resolves.toMatchObject({ panel: expect.any(Array) });
  });

  it('rejects bad input with a list of field, rule and message', async () => {
    const cases: Array<[Parameters<typeof selectPanel>[0], string]> = [
      [{ respondents: skewed, quotas: skewedQuotas, panelSize: 41, seed: 'x' }, 'panel-size-exceeds-pool'],
      [{ respondents: skewed, quotas: [...skewedQuotas.slice(2), q('sex', 'Female', 6, 6), q('sex', 'Male', 5, 6)], panelSize: 10, seed: 'x' }, 'quota-mins-exceed-panel-size'],
      [{ respondents: skewed, quotas: [...skewedQuotas.slice(2), q('sex', 'Female', 0, 4), q('sex', 'Male', 0, 4)], panelSize: 10, seed: 'x' }, 'quota-maxes-below-panel-size'],
      [{ respondents: skewed, quotas: [...skewedQuotas, q('income', 'High', 0, 5)], panelSize: 10, seed: 'x' }, 'unknown-category'],
      [{ respondents: skewed, quotas: skewedQuotas.filter((x) => x.feature !== 'South'), panelSize: 10, seed: 'x' }, 'unknown-feature'],
      [{ respondents: [...skewed, { id: 'X', features: { sex: 'Male', age: 'Older' } }], quotas: skewedQuotas, panelSize: 10, seed: 'x' }, 'missing-value'],
      [{ respondents: skewed, quotas: [...skewedQuotas, q('sex', 'Male', 4, 6)], panelSize: 10, seed: 'x' }, 'quota-duplicate'],
      [{ respondents: skewed, quotas: skewedQuotas, panelSize: 0, seed: 'x' }, 'panel-size-invalid'],
    ];
    for (const [input, rule] of cases) {
      const error = await selectPanel(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SelectionValidationError);
      const issues = (error as SelectionValidationError).issues;
      expect(issues.map((i) => i.rule)).toContain(rule);
      expect(issues.every((i) => i.field && i.message)).toBe(true);
    }
  });

  it('runs LEXIMIN, whose smallest probability matches MAXIMIN and which raises the rest where it can', async () => {
    const input = { respondents: skewed, quotas: skewedQuotas, panelSize: 10, seed: 'lex' };
    const maximin = await selectPanel(input);
    const leximin = await selectPanel({ ...input, algorithm: 'leximin' });
    expect(leximin.algorithm).toBe('leximin');
    expect(leximin.stats.leximinComplete).toBe(true);
    expect(leximin.unroundedMinimumProbability).toBeCloseTo(maximin.unroundedMinimumProbability, 5);
    expect(leximin.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(10, 9);
  });
});
