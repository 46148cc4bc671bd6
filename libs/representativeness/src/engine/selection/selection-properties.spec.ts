import fc from 'fast-check';
import { quotasFromShares } from './quotas-from-reference';
import { selectPanel } from './select-panel';
import { Respondent, SelectionInfeasibleError } from './types';

const SEXES = ['Female', 'Male'];
const AREAS = ['North', 'Central', 'South'];

const poolArbitrary = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 })), { minLength: 6, maxLength: 24 });

describe('selection properties', () => {
  it('on any pool: probabilities sum to N, lie in [0, 1], and the drawn panel meets the quotas', async () => {
    await fc.assert(
      fc.asyncProperty(poolArbitrary, fc.integer({ min: 1, max: 6 }), fc.string({ maxLength: 8 }), async (people, wanted, seed) => {
        const respondents: Respondent[] = people.map(([s, a], i) => ({ id: `R${i}`, features: { sex: SEXES[s], area: AREAS[a] } }));
        const n = Math.min(wanted, respondents.length);
        const quotas = [...quotasFromShares('sex', { Female: 1, Male: 1 }, n, { people: 1 }), ...quotasFromShares('area', { North: 1, Central: 1, South: 1 }, n, { people: 1 })];
        try {
          const result = await selectPanel({ respondents, quotas, panelSize: n, seed });
          const total = result.probabilities.reduce((sum, p) => sum + p.probability, 0);
          expect(total).toBeCloseTo(n, 9);
          for (const p of result.probabilities) expect(p.probability).toBeGreaterThanOrEqual(0);
          for (const p of result.probabilities) expect(p.probability).toBeLessThanOrEqual(1 + 1e-12);
          for (const row of result.quotaTable) {
            expect(row.selected).toBeGreaterThanOrEqual(row.min);
            expect(row.selected).toBeLessThanOrEqual(row.max);
          }
          expect(result.panel).toHaveLength(n);
        } catch (error) {
          // A random pool may not have the people the quotas ask for; that must be explained, never partial.
          expect(error).toBeInstanceOf(SelectionInfeasibleError);
          expect((error as SelectionInfeasibleError).explanation.conflicting.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('keeps reference quotas consistent: min <= max, mins sum to at most N, maxes to at least N', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 200 }), fc.nat(3), (shares, n, slack) => {
        const quotas = quotasFromShares('c', Object.fromEntries(shares.map((s, i) => [`f${i}`, s])), n, { people: slack });
        const mins = quotas.reduce((s, q) => s + q.min, 0);
        const maxes = quotas.reduce((s, q) => s + q.max, 0);
        return quotas.every((q) => q.min <= q.max && q.min >= 0) && mins <= n && maxes >= n;
      }),
    );
  });
});
