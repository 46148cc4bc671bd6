import { chooseReplacement, rankAlternates } from './alternates';
import { selectPanel } from './select-panel';
import { Quota, Respondent, SelectionInfeasibleError, SelectionValidationError } from './types';

function pool(groups: Array<[Record<string, string>, number]>): Respondent[] {
  const people: Respondent[] = [];
  for (const [features, count] of groups) for (let i = 0; i < count; i++) people.push({ id: `P${people.length + 1}`, features });
  return people;
}

const q = (category: string, feature: string, min: number, max: number, flex: Partial<Pick<Quota, 'minFlex' | 'maxFlex'>> = {}): Quota => ({ category, feature, min, max, ...flex });

/** Recounts the drawn people's own answers, not the engine's quota table. */
function counts(people: readonly Respondent[], panel: readonly string[], category: string, feature: string): number {
  const chosen = new Set(panel);
  return people.filter((p) => chosen.has(p.id) && p.features[category] === feature).length;
}

const base = pool([
  [{ sex: 'Female', area: 'North' }, 6],
  [{ sex: 'Female', area: 'South' }, 4],
  [{ sex: 'Male', area: 'North' }, 4],
  [{ sex: 'Male', area: 'South' }, 6],
]);
const baseQuotas = [q('sex', 'Female', 2, 3), q('sex', 'Male', 2, 3), q('area', 'North', 2, 3), q('area', 'South', 2, 3)];

describe('households', () => {
  it('never puts two people from one household on the panel, over many seeds, and lowers their chances accordingly', async () => {
    // Five households of four: any panel of 5 takes at most one from each, so exactly one from each.
    const people = base.map((p, i) => ({ ...p, household: `H${i % 5}` }));
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const result = await selectPanel({ respondents: people, quotas: baseQuotas, panelSize: 5, seed });
      const households = result.panel.map((id) => people.find((p) => p.id === id)?.household);
      expect(new Set(households).size).toBe(5);
      expect(counts(people, result.panel, 'sex', 'Female')).toBeGreaterThanOrEqual(2);
    }
  });

  it('refuses two already-selected people from one household', async () => {
    const people = base.map((p, i) => ({ ...p, household: i < 2 ? 'same' : undefined }));
    const error = await selectPanel({ respondents: people, quotas: baseQuotas, panelSize: 5, seed: 'x', alreadySelected: ['P1', 'P2'] }).catch((e: unknown) => e);
    expect((error as SelectionValidationError).issues.map((i) => i.rule)).toContain('already-selected-same-household');
  });
});

describe('people already selected', () => {
  it('puts them on every panel with chance 1, counts them towards the quotas, and shares the rest fairly', async () => {
    const result = await selectPanel({ respondents: base, quotas: baseQuotas, panelSize: 5, seed: 'fixed', alreadySelected: ['P1', 'P2'] });
    expect(result.panel).toEqual(expect.arrayContaining(['P1', 'P2']));
    expect(result.probabilities.find((p) => p.id === 'P1')?.probability).toBe(1);
    expect(result.explanations.find((e) => e.id === 'P1')?.alreadySelected).toBe(true);
    // P1 and P2 are northern women, so at most one more northerner and one more woman can join.
    expect(counts(base, result.panel, 'sex', 'Female')).toBeLessThanOrEqual(3);
    expect(counts(base, result.panel, 'area', 'North')).toBeLessThanOrEqual(3);
    expect(result.exactMinimumProbability).toBeGreaterThan(0);
  });

  it('explains quotas that the people already selected break', async () => {
    const error = await selectPanel({ respondents: base, quotas: baseQuotas, panelSize: 5, seed: 'x', alreadySelected: ['P1', 'P2', 'P3', 'P4'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SelectionInfeasibleError);
    expect((error as SelectionInfeasibleError).explanation.conflicting).toEqual(expect.arrayContaining([q('sex', 'Female', 2, 3)]));
  });
});

describe('min_flex and max_flex', () => {
  // Every woman lives in the north: at least 3 women and at most 1 northerner cannot both hold.
  const split = pool([
    [{ sex: 'Female', area: 'North' }, 6],
    [{ sex: 'Male', area: 'South' }, 6],
  ]);
  const conflicting = (femaleMinFlex: number, northMaxFlex: number) => [
    q('sex', 'Female', 3, 4, { minFlex: femaleMinFlex, maxFlex: 4 }),
    q('sex', 'Male', 0, 5),
    q('area', 'North', 0, 1, { minFlex: 0, maxFlex: northMaxFlex }),
    q('area', 'South', 0, 5),
  ];

  it('relaxes quotas within their flex, by the fewest places, when no panel meets them', async () => {
    const result = await selectPanel({ respondents: split, quotas: conflicting(2, 3), panelSize: 5, seed: 'flex' });
    expect(result.relaxedQuotas).toEqual([
      { category: 'sex', feature: 'Female', min: 3, max: 4, feasibleMin: 2, feasibleMax: 4 },
      { category: 'area', feature: 'North', min: 0, max: 1, feasibleMin: 0, feasibleMax: 2 },
    ]);
    expect(counts(split, result.panel, 'sex', 'Female')).toBe(2);
    expect(counts(split, result.panel, 'area', 'North')).toBe(2);
    expect(result.quotaTable.find((row) => row.feature === 'North')).toMatchObject({ min: 0, max: 2, selected: 2 });
  });

  it('does not move a quota past its flex', async () => {
    const error = await selectPanel({ respondents: split, quotas: conflicting(3, 1), panelSize: 5, seed: 'flex' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SelectionInfeasibleError);
    expect((error as SelectionInfeasibleError).explanation.conflictingCategories.sort()).toEqual(['area', 'sex']);
  });
});

describe('LEXIMIN under a work budget', () => {
  it('says when the budget cut it short, keeps the exact minimum, and gives the same result every time', async () => {
    // Three people who pairwise share a feature capped at 1 (so at most one of them per panel) make
    // LEXIMIN's relaxation unreachable: LEXIMIN needs rounds beyond MAXIMIN, which a zero budget
    // does not give. (Where the starting panels already reach the relaxation, no budget is needed.)
    const people = pool([
      [{ x: 'yes', y: 'yes', z: 'no', w: 'no' }, 1],
      [{ x: 'no', y: 'yes', z: 'yes', w: 'no' }, 1],
      [{ x: 'yes', y: 'no', z: 'yes', w: 'no' }, 1],
      [{ x: 'no', y: 'no', z: 'no', w: 'yes' }, 1],
      [{ x: 'no', y: 'no', z: 'no', w: 'no' }, 3],
    ]);
    const quotas = ['x', 'y', 'z', 'w'].flatMap((c) => [q(c, 'yes', 0, c === 'w' ? 3 : 1), q(c, 'no', 0, 3)]);
    const input = { respondents: people, quotas, panelSize: 3, seed: 'budget', algorithm: 'leximin' as const };
    const full = await selectPanel(input);
    expect(full.stats.leximinStatus).toBe('complete');
    const maximin = await selectPanel({ ...input, algorithm: 'maximin' });
    const cut = await selectPanel(input, { leximinBudget: { rounds: 0 } });
    expect(cut.stats.leximinStatus).toBe('round-budget');
    expect(cut.stats.leximinComplete).toBe(false);
    expect(cut.exactMinimumProbability).toBeCloseTo(maximin.exactMinimumProbability, 7);
    const again = await selectPanel(input, { leximinBudget: { rounds: 0 } });
    expect(JSON.stringify({ ...again, stats: { ...again.stats, seconds: 0 } })).toBe(JSON.stringify({ ...cut, stats: { ...cut.stats, seconds: 0 } }));
  });
});

describe('alternates and replacements', () => {
  const people = pool([
    [{ sex: 'Female', area: 'North' }, 3],
    [{ sex: 'Male', area: 'North' }, 3],
    [{ sex: 'Female', area: 'South' }, 3],
    [{ sex: 'Male', area: 'South' }, 3],
  ]);
  // P1-P3 northern women, P4-P6 northern men, P7-P9 southern women, P10-P12 southern men.
  const quotas = [q('sex', 'Female', 2, 2), q('sex', 'Male', 2, 2), q('area', 'North', 2, 2), q('area', 'South', 2, 2)];
  const panel = ['P1', 'P4', 'P7', 'P10'];

  it('orders alternates by the drop-out risk they can cover, sizes the list from the expected drop-outs, and names quotas at risk', () => {
    const ranked = rankAlternates({
      respondents: people,
      quotas,
      panel,
      seed: 'alt',
      dropOutRates: [
        { category: 'area', feature: 'South', rate: 0.2 },
        { category: 'sex', feature: 'Male', rate: 0.5 },
      ],
    });
    expect(ranked.expectedDropOuts).toBeCloseTo(0 + 0.5 + 0.2 + 0.5, 9);
    expect(ranked.recommendedSize).toBe(Math.ceil(1.2 + 2 * Math.sqrt(0.25 + 0.16 + 0.25)));
    expect(ranked.alternates).toHaveLength(ranked.recommendedSize);
    // Men cover the most risk (0.5 each) and are equally likely to leave themselves: one man from
    // each area first, in the seed's order, then a southern woman for P7.
    const first = ranked.alternates.map((a) => a.id);
    expect(first.slice(0, 2)).toEqual(expect.arrayContaining([expect.stringMatching(/^P(5|6)$/), expect.stringMatching(/^P(11|12)$/)]));
    expect(['P8', 'P9']).toContain(first[2]);
    expect(ranked.alternates.find((a) => a.id === first[2])?.canReplace).toEqual(['P7']);
    for (const alternate of ranked.alternates) for (const id of alternate.canReplace) expect(panel).toContain(id);
    expect(ranked.atRisk.map((r) => `${r.category}=${r.feature}`)).toEqual(expect.arrayContaining(['sex=Male', 'area=South']));
    const again = rankAlternates({
      respondents: people,
      quotas,
      panel,
      seed: 'alt',
      dropOutRates: [
        { category: 'area', feature: 'South', rate: 0.2 },
        { category: 'sex', feature: 'Male', rate: 0.5 },
      ],
    });
    expect(again.alternates.map((a) => a.id)).toEqual(ranked.alternates.map((a) => a.id));
  });

  it('replaces someone who declined with the first alternate who keeps every quota, and says so when none can', () => {
    const offered = chooseReplacement({ respondents: people, quotas, panel, declined: 'P4', alternates: ['P2', 'P11', 'P5', 'P6'] });
    expect(offered).toMatchObject({ replacement: 'P5', keepsQuotas: true, brokenQuotas: [] });
    const none = chooseReplacement({ respondents: people, quotas, panel, declined: 'P4', alternates: ['P2', 'P11'] });
    expect(none.keepsQuotas).toBe(false);
    expect(none.replacement).toBe('P2');
    expect(none.brokenQuotas.map((b) => `${b.category}=${b.feature}:${b.selected}`).sort()).toEqual(['sex=Female:3', 'sex=Male:1']);
    expect(none.reason).toMatch(/No alternate keeps every quota/);
  });
});
