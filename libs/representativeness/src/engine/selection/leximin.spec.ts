/*
 * LEXIMIN on cases small enough to solve by hand: one where its LP relaxation is reached in one go,
 * and one where it is out of reach, so the level-by-level search must finish the job.
 */
import { coverTypes, diversePanels, findDistribution } from './column-generation';
import { loadHighs } from './highs-runtime';
import { PanelSearch } from './panel-search';
import { buildProblem } from './person-types';
import { selectPanel } from './select-panel';
import { Quota, Respondent } from './types';

function pool(groups: Array<[string, Record<string, string>, number]>): Respondent[] {
  return groups.flatMap(([name, features, count]) => Array.from({ length: count }, (_, i) => ({ id: `${name}${i + 1}`, features })));
}

const q = (category: string, feature: string, min: number, max: number): Quota => ({ category, feature, min, max });

/** The levels LEXIMIN fixed, lowest first, straight from the distribution search. */
async function leximinLevels(respondents: Respondent[], quotas: Quota[], panelSize: number): Promise<number[]> {
  const highs = await loadHighs();
  const problem = buildProblem(respondents, quotas, panelSize);
  const search = new PanelSearch(highs, problem);
  try {
    const first = search.best(new Float64Array(problem.types.length));
    if (!first) throw new Error('no panel meets the quotas');
    const cover = coverTypes(problem, search, first.counts);
    const active = problem.types.map((_, t) => t).filter((t) => cover.covered[t]);
    const initial = [...cover.panels, ...diversePanels(problem, cover.panels, active.length + 10)];
    return findDistribution(highs, problem, search, active, initial, { algorithm: 'leximin' }).levels;
  } finally {
    search.dispose();
  }
}

function chances(result: Awaited<ReturnType<typeof selectPanel>>): Map<string, number> {
  return new Map(result.exactProbabilities.map((p, i) => [result.probabilities[i].id, p]));
}

describe('LEXIMIN where its relaxation is within reach', () => {
  // 4 places; at most 2 from the North (10 people), so each Northerner has at most 2/10, and that is
  // the minimum. The other 2 places go to the South (2 people) and the East (4): equal chances there
  // need twice as many Easterners as Southerners, 2/3 and 4/3 places, so 1/3 each. MAXIMIN is free to
  // give them anything from 1/5 up; LEXIMIN is not.
  const people = pool([
    ['N', { area: 'North' }, 10],
    ['S', { area: 'South' }, 2],
    ['E', { area: 'East' }, 4],
  ]);
  const quotas = [q('area', 'North', 0, 2), q('area', 'South', 0, 4), q('area', 'East', 0, 4)];

  it('gives the North 1/5 and everyone else 1/3, complete, in two levels', async () => {
    const result = await selectPanel({ respondents: people, quotas, panelSize: 4, algorithm: 'leximin', seed: 'areas' });
    expect(result.stats.leximinStatus).toBe('complete');
    expect(result.stats.leximinLevels).toBe(2);
    for (const [id, chance] of chances(result)) expect(chance).toBeCloseTo(id.startsWith('N') ? 1 / 5 : 1 / 3, 7);
    const levels = await leximinLevels(people, quotas, 4);
    expect(levels.map((l) => Number(l.toFixed(7)))).toEqual([0.2, 0.3333333]);
  });
});

describe('LEXIMIN where its relaxation is out of reach', () => {
  // 3 places. A, B and C each have two of the capped features (at most 1 each) and share one with
  // each other, so no panel has two of them: their chances add up to at most 1, 1/3 each at best.
  // The LP relaxation would give them 1/2 each (half of each on every panel), which no lottery of
  // panels can, so LEXIMIN needs its levels. The other places go to D (1 person) and E (3 people):
  // 2 places for 4 people, 1/2 each, where MAXIMIN may as well put D on every panel.
  const people = pool([
    ['A', { x: 'yes', y: 'yes', z: 'no', w: 'no' }, 1],
    ['B', { x: 'no', y: 'yes', z: 'yes', w: 'no' }, 1],
    ['C', { x: 'yes', y: 'no', z: 'yes', w: 'no' }, 1],
    ['D', { x: 'no', y: 'no', z: 'no', w: 'yes' }, 1],
    ['E', { x: 'no', y: 'no', z: 'no', w: 'no' }, 3],
  ]);
  const quotas = ['x', 'y', 'z', 'w'].flatMap((c) => [q(c, 'yes', 0, c === 'w' ? 3 : 1), q(c, 'no', 0, 3)]);
  const expected = (id: string) => (['A', 'B', 'C'].includes(id[0]) ? 1 / 3 : 1 / 2);

  it('gives A, B and C 1/3 and D and E 1/2, complete', async () => {
    const result = await selectPanel({ respondents: people, quotas, panelSize: 3, algorithm: 'leximin', seed: 'cycle' });
    expect(result.stats.leximinStatus).toBe('complete');
    expect(result.stats.leximinLevels).toBeGreaterThanOrEqual(2);
    // Each level is fixed a hair (1e-7) below its value, so the LP can always hold it.
    for (const [id, chance] of chances(result)) expect(chance).toBeCloseTo(expected(id), 6);
    const maximin = await selectPanel({ respondents: people, quotas, panelSize: 3, seed: 'cycle' });
    expect(maximin.exactMinimumProbability).toBeCloseTo(1 / 3, 7);
  });

  it('fixes levels that never go down, from the minimum to the last', async () => {
    const levels = await leximinLevels(people, quotas, 3);
    expect(levels[0]).toBeCloseTo(1 / 3, 7);
    expect(levels[levels.length - 1]).toBeCloseTo(1 / 2, 4);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThanOrEqual(levels[i - 1] - 1e-9);
  });
});
