import { Selection } from '../../types';
import { compare, drawWords, rerunRequest } from './selection-rerun';

const lottery = (lotterySize: number): NonNullable<Selection['lottery']> => ({
  lotterySize,
  panelsInLottery: 2,
  unroundedMinimumProbability: 0.5,
  stats: { types: 2, panelsGenerated: 2, pricingSolves: 0, seconds: 0.01 },
});

const run = (over: Partial<Selection> = {}): Selection => ({
  id: 's1',
  intakeId: 'i1',
  createdAt: '2026-03-01T10:00:00.000Z',
  status: 'done',
  stage: null,
  attempts: 1,
  startedAt: '2026-03-01T10:00:00.000Z',
  completedAt: '2026-03-01T10:00:01.000Z',
  error: null,
  panelSize: 2,
  poolSize: 4,
  algorithm: 'maximin',
  seed: 'spring',
  appliedAt: null,
  panel: ['a', 'b'],
  quotaTable: [],
  probabilities: [],
  minimumProbability: 0.5,
  equalChance: 0.5,
  draw: 'lottery',
  exactMinimumProbability: 0.5,
  lotteryMinimumProbability: 0.5,
  lottery: lottery(1000),
  alternates: null,
  createdBy: null,
  createdByName: null,
  inputs: {
    dimensions: ['sex', 'locality'],
    tolerance: { people: 1 },
    localitySizes: { 'loc-1': 1 },
    quotas: [
      { category: 'sex', feature: 'Female', min: 1, max: 1 },
      { category: 'locality', feature: 'North', min: 1, max: 1 },
    ],
    stages: ['screened', 'taster', 'waitlisted'],
    referenceDate: '2026-03-01',
    datasetId: 'd1',
    draw: 'lottery',
    tickets: 1000,
    onePerHousehold: true,
  },
  ...over,
});

describe('re-running a selection from its seed', () => {
  it('asks for the stored quotas in their order, with no census dimensions or locality places to work out again', () => {
    expect(rerunRequest(run())).toEqual({
      panelSize: 2,
      dimensions: [],
      quotas: [
        { category: 'sex', feature: 'Female', min: 1, max: 1 },
        { category: 'locality', feature: 'North', min: 1, max: 1 },
      ],
      localitySizes: {},
      tolerance: { people: 1 },
      referenceDate: '2026-03-01',
      algorithm: 'maximin',
      seed: 'spring',
      draw: 'lottery',
      tickets: 1000,
      onePerHousehold: true,
    });
  });

  it('sends no tickets with an exact draw, nor with the default lottery', () => {
    const exact = run({ draw: 'exact', inputs: { ...run().inputs!, draw: 'exact', tickets: null } });
    expect(rerunRequest(exact)).toMatchObject({ draw: 'exact' });
    expect(rerunRequest(exact)).not.toHaveProperty('tickets');
    expect(rerunRequest(run({ inputs: { ...run().inputs!, tickets: null } }))).not.toHaveProperty('tickets');
  });

  it('compares panels as sets of people, whatever their order', () => {
    expect(compare(run(), run({ id: 's2', panel: ['b', 'a'] }))).toMatchObject({ same: true, differing: 0 });
    expect(compare(run(), run({ id: 's2', panel: ['a', 'c'] }))).toMatchObject({ same: false, differing: 1 });
    expect(compare(run(), run({ id: 's2', status: 'failed', panel: [] }))).toMatchObject({ same: false });
  });

  it('names the draw', () => {
    expect(drawWords(run())).toBe('lottery of 1,000 tickets');
    expect(drawWords(run({ draw: 'exact' }))).toBe('exact draw');
    expect(drawWords(run({ inputs: { ...run().inputs!, tickets: null }, lottery: lottery(2000) }))).toBe('lottery of 2,000 tickets');
  });
});
