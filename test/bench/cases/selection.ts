/*
 * Fair selection on a synthetic but realistic pool (seeded, so every run measures the same pool):
 *   selection-maximin-2000-45 / -150     seconds for MAXIMIN from 2,000 applicants (target < 3 s)
 *   selection-min-probability-2000-45    the smallest selection probability (%), beside
 *   selection-n-over-pool-2000-45        N / pool (%), the chance everyone would have if equal chances were possible
 *   selection-leximin-2000-45            seconds for LEXIMIN (target < 60 s, exact); the note says when its work budget cut it short
 *   selection-lottery-loss-2000-150      how much of the exact minimum the default lottery gives away (%, target < 1)
 *   selection-maximin-360-30-7cat        seconds for MAXIMIN on a pool shaped like a real assembly's: 360 people,
 *                                        7 categories, exact quotas (test/bench/selection-pools.ts; target < 5 s), the
 *                                        same at both sizes
 * 6 dimensions (sex 2, age band 6, ethnic group 5, disability 3, religion 8, locality 3: 27
 * categories) with skewed applicant distributions, quotas from population shares +/- a tolerance,
 * plus 3 intersection quotas (locality x age band 18-24). Small size (CI): 300 applicants, N 30 and 60,
 * printed under the same measure names.
 */
import { preloadSolver, Quota, quotasFromShares, Respondent, selectPanel, seededRandom, SeededRandom } from '@steppingstone/representativeness/engine';
import type { BenchCase, BenchMeasure, BenchOptions } from '../run';
import { exactQuotas, realShapedPool360 } from '../selection-pools';

interface SyntheticDimension {
  name: string;
  /** Features with the population's shares (quotas) and the applicants' skewed shares (the pool). */
  features: Array<{ feature: string; population: number; applicants: number }>;
}

export const SYNTHETIC_DIMENSIONS: SyntheticDimension[] = [
  {
    name: 'sex',
    features: [
      { feature: 'Female', population: 51, applicants: 64 },
      { feature: 'Male', population: 49, applicants: 36 },
    ],
  },
  {
    name: 'age band',
    features: [
      { feature: '18-24', population: 11, applicants: 6 },
      { feature: '25-34', population: 18, applicants: 14 },
      { feature: '35-49', population: 25, applicants: 24 },
      { feature: '50-64', population: 23, applicants: 30 },
      { feature: '65-74', population: 12, applicants: 18 },
      { feature: '75+', population: 11, applicants: 8 },
    ],
  },
  {
    name: 'ethnic group',
    features: [
      { feature: 'White', population: 68, applicants: 80 },
      { feature: 'Asian', population: 14, applicants: 9 },
      { feature: 'Black', population: 9, applicants: 5 },
      { feature: 'Mixed or Multiple', population: 5, applicants: 4 },
      { feature: 'Other', population: 4, applicants: 2 },
    ],
  },
  {
    name: 'disability',
    features: [
      { feature: 'Limited a lot', population: 8, applicants: 6 },
      { feature: 'Limited a little', population: 10, applicants: 11 },
      { feature: 'Not limited', population: 82, applicants: 83 },
    ],
  },
  {
    name: 'religion',
    features: [
      { feature: 'No religion', population: 37, applicants: 38 },
      { feature: 'Christian', population: 40, applicants: 48 },
      { feature: 'Muslim', population: 10, applicants: 5 },
      { feature: 'Hindu', population: 3, applicants: 2 },
      { feature: 'Jewish', population: 2, applicants: 2 },
      { feature: 'Sikh', population: 2, applicants: 1 },
      { feature: 'Buddhist', population: 1, applicants: 1 },
      { feature: 'Other religion', population: 5, applicants: 3 },
    ],
  },
  {
    name: 'locality',
    features: [
      { feature: 'North', population: 35, applicants: 45 },
      { feature: 'Central', population: 40, applicants: 38 },
      { feature: 'South', population: 25, applicants: 17 },
    ],
  },
];

function pick(features: SyntheticDimension['features'], random: SeededRandom): string {
  const total = features.reduce((s, f) => s + f.applicants, 0);
  let x = random.next() * total;
  for (const f of features) if ((x -= f.applicants) < 0) return f.feature;
  return features[features.length - 1].feature;
}

export function syntheticPool(size: number, seed = 'steppingstone-bench'): Respondent[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => ({
    id: `A${String(i + 1).padStart(5, '0')}`,
    features: Object.fromEntries(SYNTHETIC_DIMENSIONS.map((d) => [d.name, pick(d.features, random)])),
  }));
}

/** Census-style quotas (+/- 1 place or 25 %, whichever is more) and 3 locality x age band quotas. */
export function syntheticQuotas(panelSize: number): Quota[] {
  const quotas = SYNTHETIC_DIMENSIONS.flatMap((d) => quotasFromShares(d.name, Object.fromEntries(d.features.map((f) => [f.feature, f.population])), panelSize, { people: 1, fraction: 0.25 }));
  const locality = SYNTHETIC_DIMENSIONS.find((d) => d.name === 'locality')?.features ?? [];
  for (const { feature, population } of locality) {
    const expected = (panelSize * population * 0.11) / 100;
    quotas.push({ category: 'locality x age band', feature: `${feature} x 18-24`, min: Math.max(0, Math.floor(expected - 1)), max: Math.ceil(expected + 1) });
  }
  return quotas;
}

async function timeSelection(pool: Respondent[], panelSize: number, algorithm: 'maximin' | 'leximin', log: BenchOptions['log']) {
  const started = process.hrtime.bigint();
  const result = await selectPanel({ respondents: pool, quotas: syntheticQuotas(panelSize), panelSize, algorithm, seed: 'bench' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(
    `${algorithm} N=${panelSize}: ${seconds.toFixed(2)} s, ${result.stats.types} types, ${result.stats.panelsGenerated} panels, ${result.stats.pricingSolves} ILP solves, min ${result.minimumProbability.toFixed(4)} (N/pool ${result.equalChance.toFixed(4)})`,
  );
  return { seconds, result };
}

export const benchCase: BenchCase = {
  name: 'selection',
  measures: [
    'selection-maximin-2000-45',
    'selection-maximin-2000-150',
    'selection-min-probability-2000-45',
    'selection-n-over-pool-2000-45',
    'selection-leximin-2000-45',
    'selection-lottery-loss-2000-150',
    'selection-maximin-360-30-7cat',
  ],
  async run(options: BenchOptions): Promise<BenchMeasure[]> {
    const poolSize = options.full ? 2000 : 300;
    const [small, large] = options.full ? [45, 150] : [30, 60];
    const note = options.full ? `pool ${poolSize}` : `small: pool ${poolSize}, N ${small}/${large}`;
    const pool = syntheticPool(poolSize);
    // A running service loads the WebAssembly solver once at start; the measures are of selecting.
    await preloadSolver();
    const measures: BenchMeasure[] = [];
    if (['selection-maximin-2000-45', 'selection-min-probability-2000-45', 'selection-n-over-pool-2000-45'].some(options.wants)) {
      const { seconds, result } = await timeSelection(pool, small, 'maximin', options.log);
      measures.push(
        { name: 'selection-maximin-2000-45', value: seconds, unit: 's', note },
        { name: 'selection-min-probability-2000-45', value: result.minimumProbability * 100, unit: '%', note },
        { name: 'selection-n-over-pool-2000-45', value: result.equalChance * 100, unit: '%', note },
      );
    }
    if (['selection-maximin-2000-150', 'selection-lottery-loss-2000-150'].some(options.wants)) {
      const { seconds, result } = await timeSelection(pool, large, 'maximin', options.log);
      measures.push(
        { name: 'selection-maximin-2000-150', value: seconds, unit: 's', note },
        { name: 'selection-lottery-loss-2000-150', value: result.lotteryLoss * 100, unit: '%', note: `${note}, ${result.lotterySize} tickets` },
      );
    }
    if (options.wants('selection-leximin-2000-45')) {
      const { seconds, result } = await timeSelection(pool, small, 'leximin', options.log);
      const levels = result.stats.leximinLevels;
      const status =
        result.stats.leximinStatus === 'complete'
          ? `, exact (${levels} levels)`
          : `, cut short by its work budget (${result.stats.leximinStatus}) after ${levels} levels: those above the minimum approximate`;
      measures.push({ name: 'selection-leximin-2000-45', value: seconds, unit: 's', note: `${note}${status}` });
    }
    if (options.wants('selection-maximin-360-30-7cat')) {
      const started = process.hrtime.bigint();
      const result = await selectPanel({ respondents: realShapedPool360(), quotas: exactQuotas(30), panelSize: 30, seed: 'bench' });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      options.log(`maximin 360-30-7cat: ${seconds.toFixed(2)} s, ${result.stats.types} types, ${result.stats.pricingSolves} ILP solves, exact min ${result.exactMinimumProbability.toFixed(5)}`);
      measures.push({ name: 'selection-maximin-360-30-7cat', value: seconds, unit: 's', note: 'pool 360, 7 categories, exact quotas' });
    }
    return measures;
  },
};
