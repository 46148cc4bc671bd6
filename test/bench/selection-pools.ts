/*
 * Seeded synthetic pools shaped like real assemblies, shared by the selection benchmarks and the
 * CLI tests (so both measure the same pool).
 *
 * realShapedPool360: 360 respondents for 30 places over 7 categories (sex 2, age 5, ethnic group 4,
 * education 3, region 4, urban/rural 2, climate concern 3), recruited with the skews a mailed
 * invitation gets (older, more educated, more concerned), and exact quotas: each feature's
 * population share of 30 places, apportioned by largest remainder, as min = max.
 */
import { Quota, Respondent, seededRandom, SeededRandom } from '@steppingstone/representativeness/engine';

interface Dimension {
  name: string;
  features: Array<{ feature: string; population: number; pool: number }>;
}

export const REAL_SHAPED_DIMENSIONS: Dimension[] = [
  {
    name: 'sex',
    features: [
      { feature: 'Female', population: 51, pool: 55 },
      { feature: 'Male', population: 49, pool: 45 },
    ],
  },
  {
    name: 'age',
    features: [
      { feature: '16-29', population: 22, pool: 14 },
      { feature: '30-44', population: 25, pool: 22 },
      { feature: '45-59', population: 24, pool: 26 },
      { feature: '60-74', population: 18, pool: 26 },
      { feature: '75+', population: 11, pool: 12 },
    ],
  },
  {
    name: 'ethnic group',
    features: [
      { feature: 'White', population: 82, pool: 88 },
      { feature: 'Asian', population: 9, pool: 6 },
      { feature: 'Black', population: 4, pool: 3 },
      { feature: 'Mixed or other', population: 5, pool: 3 },
    ],
  },
  {
    name: 'education',
    features: [
      { feature: 'Degree', population: 34, pool: 52 },
      { feature: 'A level', population: 30, pool: 28 },
      { feature: 'Other', population: 36, pool: 20 },
    ],
  },
  {
    name: 'region',
    features: [
      { feature: 'North', population: 27, pool: 24 },
      { feature: 'Midlands', population: 23, pool: 21 },
      { feature: 'South', population: 35, pool: 40 },
      { feature: 'Wales and Scotland', population: 15, pool: 15 },
    ],
  },
  {
    name: 'urban or rural',
    features: [
      { feature: 'Urban', population: 82, pool: 78 },
      { feature: 'Rural', population: 18, pool: 22 },
    ],
  },
  {
    name: 'climate concern',
    features: [
      { feature: 'Very concerned', population: 38, pool: 52 },
      { feature: 'Fairly concerned', population: 42, pool: 36 },
      { feature: 'Not concerned', population: 20, pool: 12 },
    ],
  },
];

function pick(features: Dimension['features'], random: SeededRandom): string {
  const total = features.reduce((s, f) => s + f.pool, 0);
  let x = random.next() * total;
  for (const f of features) if ((x -= f.pool) < 0) return f.feature;
  return features[features.length - 1].feature;
}

export function realShapedPool360(size = 360, seed = 'real-shaped-360'): Respondent[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => ({
    id: `P${String(i + 1).padStart(4, '0')}`,
    features: Object.fromEntries(REAL_SHAPED_DIMENSIONS.map((d) => [d.name, pick(d.features, random)])),
  }));
}

/** Exact quotas (min = max): each feature's population share of the places, by largest remainder. */
export function exactQuotas(panelSize = 30): Quota[] {
  return REAL_SHAPED_DIMENSIONS.flatMap((d) => {
    const total = d.features.reduce((s, f) => s + f.population, 0);
    const shares = d.features.map((f) => (f.population / total) * panelSize);
    const counts = shares.map(Math.floor);
    const order = shares.map((s, i) => i).sort((a, b) => shares[b] - counts[b] - (shares[a] - counts[a]) || a - b);
    const left = panelSize - counts.reduce((a, b) => a + b, 0);
    for (let k = 0; k < left; k++) counts[order[k]]++;
    return d.features.map((f, i) => ({ category: d.name, feature: f.feature, min: counts[i], max: counts[i] }));
  });
}
