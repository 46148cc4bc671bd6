import { analyseDimension, totalVariationDistance } from './gap-analysis';
import { analyseIntersection, independentJointReference } from './intersectional';
import { whoIsntThere } from './who-isnt-there';

describe('analyseDimension', () => {
  // Hand-computed: 8 disclosed (A 6, B 2, C 0) and 2 who preferred not to say, against 50/30/20 %.
  const gap = analyseDimension({
    dimension: 'group',
    population: { A: 6, B: 2, 'Prefer not to say': 2 },
    reference: [
      { category: 'A', count: 500 },
      { category: 'B', count: 300 },
      { category: 'C', count: 200 },
    ],
  });
  const byName = Object.fromEntries(gap.categories.map((c) => [c.category, c]));

  it('computes shares of the disclosed and states how many were excluded', () => {
    expect(gap.disclosed).toBe(8);
    expect(gap.total).toBe(10);
    expect(gap.excludedFromShares).toBe(2);
    expect(gap.undisclosed).toEqual([
      { category: 'Prefer not to say', count: 2 },
      { category: 'Not recorded', count: 0 },
    ]);
    expect(byName.A.share).toBeCloseTo(0.75);
    expect(byName.B.share).toBeCloseTo(0.25);
    expect(byName.C.share).toBe(0);
  });

  it('computes expected counts, signed seat gaps and representation ratios', () => {
    expect(byName.A.expectedCount).toBeCloseTo(4);
    expect(byName.A.seatGap).toBeCloseTo(2);
    expect(byName.A.representationRatio).toBeCloseTo(1.5);
    expect(byName.B.expectedCount).toBeCloseTo(2.4);
    expect(byName.B.seatGap).toBeCloseTo(-0.4);
    expect(byName.B.representationRatio).toBeCloseTo(0.8333, 4);
    expect(byName.C.seatGap).toBeCloseTo(-1.6);
    expect(byName.C.representationRatio).toBe(0);
  });

  it('flags ratios outside 0.8-1.25 (four-fifths convention)', () => {
    expect(byName.A.flag).toBe('over');
    expect(byName.B.flag).toBeNull();
    expect(byName.C.flag).toBe('under');
    const edge = analyseDimension({ dimension: 'd', population: { X: 4, Y: 6 }, reference: { X: 50, Y: 50 } });
    expect(edge.categories.find((c) => c.category === 'X')?.flag).toBeNull(); // exactly 0.8
    expect(edge.categories.find((c) => c.category === 'Y')?.flag).toBeNull(); // 1.2
  });

  it('gives the interval each count could lie in if every undisclosed person belonged to it', () => {
    expect(byName.A.countInterval).toEqual([6, 8]);
    expect(byName.A.shareInterval[0]).toBeCloseTo(0.6);
    expect(byName.A.shareInterval[1]).toBeCloseTo(0.8);
    expect(byName.C.countInterval).toEqual([0, 2]);
  });

  it('computes the total variation distance', () => {
    expect(gap.totalVariationDistance).toBeCloseTo(0.25);
    expect(totalVariationDistance(new Map([['A', 1]]), new Map([['B', 1]]))).toBe(1);
  });

  it("leaves the census's own non-answers out of the reference denominator", () => {
    const religion = analyseDimension({ dimension: 'religion', population: { Christian: 1, 'No religion': 1 }, reference: { Christian: 40, 'No religion': 40, 'Not answered': 20 } });
    expect(religion.categories.map((c) => c.referenceShare)).toEqual([0.5, 0.5]);
  });

  it('reports a category the reference does not know without a ratio', () => {
    const odd = analyseDimension({ dimension: 'd', population: { A: 1, Z: 1 }, reference: { A: 1 } });
    const z = odd.categories.find((c) => c.category === 'Z');
    expect(z).toMatchObject({ inReference: false, representationRatio: null, flag: null, referenceShare: 0 });
  });

  it('has no shares when nobody disclosed', () => {
    const none = analyseDimension({ dimension: 'd', population: { 'Not recorded': 3 }, reference: { A: 1, B: 1 } });
    expect(none.totalVariationDistance).toBeNull();
    expect(none.categories[0].share).toBeNull();
    expect(none.excludedFromShares).toBe(3);
  });
});

describe('analyseIntersection', () => {
  it('gives per-cell figures and counts a person undisclosed on either dimension as undisclosed', () => {
    const result = analyseIntersection({
      rowDimension: 'locality',
      columnDimension: 'age',
      population: [
        { row: 'North', column: '18-24', count: 1 },
        { row: 'North', column: '25+', count: 3 },
        { row: 'South', column: '25+', count: 4 },
        { row: 'South', column: 'Prefer not to say', count: 2 },
      ],
      reference: independentJointReference(
        new Map([
          ['North', 50],
          ['South', 50],
        ]),
        new Map([
          ['18-24', 25],
          ['25+', 75],
        ]),
      ),
    });
    expect(result.excludedFromShares).toBe(2);
    expect(result.disclosed).toBe(8);
    const cell = result.cells.find((c) => c.row === 'South' && c.column === '18-24');
    expect(cell).toMatchObject({ count: 0, referenceShare: 0.125, flag: 'under', countInterval: [0, 2] });
    expect(cell?.expectedCount).toBeCloseTo(1);
    const north = result.cells.find((c) => c.row === 'North' && c.column === '25+');
    expect(north?.share).toBeCloseTo(0.375);
    expect(north?.representationRatio).toBeCloseTo(1);
  });
});

describe('whoIsntThere', () => {
  it('ranks the largest shortfalls in people and says how many more applicants would close each gap at capacity', () => {
    const group = analyseDimension({ dimension: 'group', population: { A: 6, B: 2, 'Prefer not to say': 2 }, reference: { A: 500, B: 300, C: 200 } });
    const sex = analyseDimension({ dimension: 'sex', population: { Female: 7, Male: 3 }, reference: { Female: 50, Male: 50 } });
    const list = whoIsntThere([group, sex], { capacity: 20 });
    expect(list.map((s) => `${s.dimension}:${s.category}`)).toEqual(['sex:Male', 'group:C', 'group:B']);
    expect(list[0].shortfall).toBeCloseTo(2);
    expect(list[0].neededAtCapacity).toBe(7); // 10 expected of 20 places, 3 applied
    expect(list[1].neededAtCapacity).toBe(4); // 20 % of 20, nobody yet
    expect(list[2].neededAtCapacity).toBe(4); // 30 % of 20 = 6, 2 applied
    expect(whoIsntThere([group, sex], { capacity: 20, limit: 1 })).toHaveLength(1);
  });
});
