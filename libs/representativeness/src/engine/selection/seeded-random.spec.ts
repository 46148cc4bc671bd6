import fc from 'fast-check';
import { sampleWithoutReplacement, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = seededRandom('2025-intake');
    const b = seededRandom('2025-intake');
    const c = seededRandom('2025-intake!');
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('stays in range and samples distinct items', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 50 }), (seed, n) => {
        const random = seededRandom(seed);
        const items = Array.from({ length: n }, (_, i) => i);
        const k = random.below(n + 1);
        const sample = sampleWithoutReplacement(items, k, random);
        const x = random.next();
        return x >= 0 && x < 1 && sample.length === k && new Set(sample).size === k && sample.every((i) => i >= 0 && i < n);
      }),
    );
  });

  it('is roughly uniform', () => {
    const random = seededRandom('uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[random.below(10)]++;
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});
