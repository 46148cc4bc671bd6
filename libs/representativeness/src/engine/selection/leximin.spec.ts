/*
 * LEXIMIN on cases small enough to solve by hand: one where its LP relaxation is reached in one go,
 * and one where it is out of reach until the level-by-level search has fixed two levels.
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
  // 7 places. A, B and C (one person each) have two of the features x, y, z, at most 1 of each on a
  // panel, and share one with each other: no panel has two of them, so their chances add up to at
  // most 1, 1/3 each at best. F, G and H (three people each) do the same with u, v, w, at most 3 of
  // each: at most 4 of them on a panel (F + G, G + H, F + H <= 3 each), 4/9 each at best. E (three
  // people) has none and takes the places left, 7 - 1 - 4 = 2: 2/3 each. The LP relaxation would give
  // everyone 7/15, more than A, B and C can have, and with them held at 1/3, F, G and H 1/2, more than
  // they can have; so LEXIMIN fixes 1/3 (the MAXIMIN level) and 4/9 itself, each proven by the panel
  // ILP, before the relaxation of what is left (E at 2/3) is within reach. MAXIMIN may as well give
  // F, G and H 1/3 and E 1.
  const has = (...features: string[]) => Object.fromEntries(['x', 'y', 'z', 'u', 'v', 'w'].map((c) => [c, features.includes(c) ? 'yes' : 'no']));
  const people = pool([
    ['A', has('x', 'y'), 1],
    ['B', has('y', 'z'), 1],
    ['C', has('x', 'z'), 1],
    ['F', has('u', 'v'), 3],
    ['G', has('v', 'w'), 3],
    ['H', has('u', 'w'), 3],
    ['E', has(), 3],
  ]);
  const quotas = ['x', 'y', 'z', 'u', 'v', 'w'].flatMap((c) => [q(c, 'yes', 0, 'xyz'.includes(c) ? 1 : 3), q(c, 'no', 0, 7)]);
  const expected = (id: string) => ({ A: 1 / 3, B: 1 / 3, C: 1 / 3, F: 4 / 9, G: 4 / 9, H: 4 / 9, E: 2 / 3 })[id[0]] as number;

  it('gives A, B and C 1/3, F, G and H 4/9 and E 2/3, complete, in three levels', async () => {
    const result = await selectPanel({ respondents: people, quotas, panelSize: 7, algorithm: 'leximin', seed: 'cycles' });
    expect(result.stats.leximinStatus).toBe('complete');
    expect(result.stats.leximinLevels).toBe(3);
    // Each proven level is held a hair (1e-7) below its value, so the LP can always hold it.
    for (const [id, chance] of chances(result)) expect(chance).toBeCloseTo(expected(id), 6);
    const maximin = await selectPanel({ respondents: people, quotas, panelSize: 7, seed: 'cycles' });
    expect(maximin.exactMinimumProbability).toBeCloseTo(1 / 3, 7);
  });

  it('fixes levels that never go down, from the minimum to the last', async () => {
    const levels = await leximinLevels(people, quotas, 7);
    expect(levels).toHaveLength(3);
    [1 / 3, 4 / 9, 2 / 3].forEach((level, i) => expect(levels[i]).toBeCloseTo(level, 6));
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThanOrEqual(levels[i - 1]);
  });
});
