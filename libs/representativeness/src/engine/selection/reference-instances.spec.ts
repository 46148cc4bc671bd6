/*
 * Against instances nobody here wrote: the Nature 2021 replication repository's sample instances
 * (test/fixtures/replication, GPL-3.0 data with its source line), whose authors report LEXIMIN's
 * exact minimum as 10.0% for both. And a case small enough to solve by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSortitionFiles } from '../interchange/sortition-format';
import { selectPanel } from './select-panel';
import { Quota, Respondent } from './types';

const REPLICATION = join(__dirname, '../../../../../test/fixtures/replication');

function instance(name: string) {
  const dir = join(REPLICATION, name);
  const pool = parseSortitionFiles({ categoriesCsv: readFileSync(join(dir, 'categories.csv'), 'utf8'), respondentsCsv: readFileSync(join(dir, 'respondents.csv'), 'utf8') });
  const reference = readFileSync(join(dir, 'reference_statistics.txt'), 'utf8');
  const percent = Number(/LEXIMIN minimum probability \(exact\):\s*([\d.]+)%/.exec(reference)?.[1]);
  return { pool, referenceMinimum: percent / 100 };
}

/** Recounts the drawn people's own answers against every quota, ignoring the engine's quota table. */
function expectQuotasMet(respondents: readonly Respondent[], quotas: readonly Quota[], panel: readonly string[]): void {
  const chosen = new Set(panel);
  const people = respondents.filter((r) => chosen.has(r.id));
  expect(people).toHaveLength(panel.length);
  for (const q of quotas) {
    const count = people.filter((p) => p.features[q.category] === q.feature).length;
    expect(count).toBeGreaterThanOrEqual(q.min);
    expect(count).toBeLessThanOrEqual(q.max);
  }
}

describe('the replication repository instances', () => {
  it.each([
    ['example_small_20', 20],
    ['example_large_200', 200],
  ])("%s: MAXIMIN and LEXIMIN reach the authors' minimum to 7 decimal places, and the draw meets every quota", async (name, panelSize) => {
    const { pool, referenceMinimum } = instance(name);
    expect(referenceMinimum).toBeCloseTo(0.1, 10);
    for (const algorithm of ['maximin', 'leximin'] as const) {
      const result = await selectPanel({ respondents: pool.respondents, quotas: pool.quotas, panelSize, algorithm, seed: `ref-${name}` });
      expect(Math.abs(result.exactMinimumProbability - referenceMinimum)).toBeLessThan(5e-8);
      expect(result.lotteryMinimumProbability).toBeGreaterThanOrEqual(referenceMinimum * 0.99);
      if (algorithm === 'leximin') expect(result.stats.leximinStatus).toBe('complete');
      expectQuotasMet(pool.respondents, pool.quotas, result.panel);
    }
  });
});

describe('a case solved by hand', () => {
  // Places 2; exactly one woman and exactly one young person. The only panels are {young woman, older
  // man} and {older woman, young man}; with 2 young women, 1 older woman, 1 young man and 2 older men,
  // weight a on the first gives a/2 to young women and older men and 1 - a to the others, so the
  // best smallest chance is at a/2 = 1 - a: a = 2/3, everyone 1/3.
  const people: Respondent[] = [
    { id: 'YW1', features: { sex: 'Woman', age: 'Young' } },
    { id: 'YW2', features: { sex: 'Woman', age: 'Young' } },
    { id: 'OW1', features: { sex: 'Woman', age: 'Older' } },
    { id: 'YM1', features: { sex: 'Man', age: 'Young' } },
    { id: 'OM1', features: { sex: 'Man', age: 'Older' } },
    { id: 'OM2', features: { sex: 'Man', age: 'Older' } },
  ];
  const quotas: Quota[] = [
    { category: 'sex', feature: 'Woman', min: 1, max: 1 },
    { category: 'sex', feature: 'Man', min: 1, max: 1 },
    { category: 'age', feature: 'Young', min: 1, max: 1 },
    { category: 'age', feature: 'Older', min: 1, max: 1 },
  ];

  it('finds the minimum 1/3 exactly; 1,000 tickets round 666.67 to 667 and lose 0.1%; the default lottery and an exact draw lose less', async () => {
    const input = { respondents: people, quotas, panelSize: 2, seed: 'hand' };
    const thousand = await selectPanel({ ...input, lotterySize: 1000 });
    expect(thousand.exactMinimumProbability).toBeCloseTo(1 / 3, 9);
    expect(thousand.lotterySize).toBe(1000);
    expect(thousand.lotteryMinimumProbability).toBeCloseTo(0.333, 9);
    expect(thousand.lotteryLoss).toBeCloseTo(0.001, 6);

    const byDefault = await selectPanel(input);
    expect(byDefault.lotteryLoss).toBeLessThanOrEqual(0.01);
    expect(byDefault.lotterySize).toBe(1000);

    const exact = await selectPanel({ ...input, draw: 'exact' });
    expect(exact.draw).toBe('exact');
    expect(exact.lotteryLoss).toBe(0);
    expect(exact.minimumProbability).toBeCloseTo(1 / 3, 9);
    expect(exact.lottery.map((entry) => entry.weight).sort()).toEqual([expect.closeTo(1 / 3, 9), expect.closeTo(2 / 3, 9)]);
    expectQuotasMet(people, quotas, exact.panel);
  });

  it('explains each chance by the quotas that bind: here every quota is exact, so each person is held by both of theirs', async () => {
    const result = await selectPanel({ respondents: people, quotas, panelSize: 2, seed: 'why' });
    const youngWoman = result.explanations.find((e) => e.id === 'YW1');
    expect(youngWoman?.binding).toEqual([
      { category: 'sex', feature: 'Woman', bound: 'exact', limit: 1, poolCount: 3 },
      { category: 'age', feature: 'Young', bound: 'exact', limit: 1, poolCount: 3 },
    ]);
  });
});
