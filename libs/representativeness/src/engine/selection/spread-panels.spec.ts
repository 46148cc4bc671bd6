import { spreadPanels } from './column-generation';
import { buildProblem, meetsQuotas } from './person-types';
import { Quota, Respondent } from './types';

function pool(groups: Array<[Record<string, string>, number]>): Respondent[] {
  const people: Respondent[] = [];
  for (const [features, count] of groups) for (let i = 0; i < count; i++) people.push({ id: `P${people.length + 1}`, features });
  return people;
}

const q = (category: string, feature: string, min: number, max: number): Quota => ({ category, feature, min, max });

describe('spreadPanels', () => {
  // Four types (sex x area), two of each; panels of 4 with 1 to 3 of each sex and area.
  const respondents = pool([
    [{ sex: 'Female', area: 'North' }, 2],
    [{ sex: 'Female', area: 'South' }, 2],
    [{ sex: 'Male', area: 'North' }, 2],
    [{ sex: 'Male', area: 'South' }, 2],
  ]);
  const quotas = [q('sex', 'Female', 1, 3), q('sex', 'Male', 1, 3), q('area', 'North', 1, 3), q('area', 'South', 1, 3)];
  const problem = buildProblem(respondents, quotas, 4);
  const typeOf = (sex: string, area: string) => problem.typeOf[respondents.findIndex((r) => r.features.sex === sex && r.features.area === area)];

  it('keeps every quota, and moves on from the types already taken to the next most valuable', () => {
    const fn = typeOf('Female', 'North');
    const fs = typeOf('Female', 'South');
    const mn = typeOf('Male', 'North');
    const ms = typeOf('Male', 'South');
    const start = new Int32Array(problem.types.length);
    start[fs] = 2;
    start[ms] = 2;
    const weights = new Float64Array(problem.types.length);
    // Female North is worth most, then Male North; the South types nothing.
    weights[fn] = 10;
    weights[mn] = 6;
    const panels = spreadPanels(problem, start, weights, 4);
    expect(panels).toHaveLength(4);
    for (const counts of panels) expect(meetsQuotas(problem, counts)).toBe(true);
    // The first panel takes both Female North, and the North maximum of 3 leaves room for one Male North.
    expect(panels[0][fn]).toBe(2);
    expect(panels[0][mn]).toBe(1);
    // Discounted, Female North weighs 10 x 0.5^1.5 = 3.54 and Male North 6 x 0.5^1 = 3, so the second panel is the
    // first again; after it, 1.25 against 1.5, so the third gives Male North both its places.
    expect([panels[1][fn], panels[1][mn]]).toEqual([2, 1]);
    expect([panels[2][fn], panels[2][mn]]).toEqual([1, 2]);
  });

  it('is empty where quotas are exact (no single swap keeps them)', () => {
    const exact = buildProblem(respondents, [q('sex', 'Female', 2, 2), q('sex', 'Male', 2, 2), q('area', 'North', 2, 2), q('area', 'South', 2, 2)], 4);
    const start = new Int32Array(exact.types.length);
    start[exact.typeOf[0]] = 2;
    start[exact.typeOf[6]] = 2;
    expect(spreadPanels(exact, start, new Float64Array(exact.types.length).fill(1), 5)).toEqual([]);
  });
});
