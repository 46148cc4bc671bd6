import { householdKey } from './selection-pool';

describe('householdKey', () => {
  it('is the same for one address written with different case, spacing, punctuation and line breaks', () => {
    const a = householdKey('12 Holloway Road\nLondon', 'N7 8DB');
    expect(a).toBeDefined();
    expect(householdKey('12  HOLLOWAY road, london.', 'n78db')).toBe(a);
    expect(householdKey('12 Holloway Road\nLondon\nN7 8DB', 'N7 8DB')).toBe(a);
  });

  it('tells apart two homes on one street, and the same lines under another postcode', () => {
    expect(householdKey('14 Holloway Road\nLondon', 'N7 8DB')).not.toBe(householdKey('12 Holloway Road\nLondon', 'N7 8DB'));
    expect(householdKey('12 Holloway Road\nLondon', 'N7 8DC')).not.toBe(householdKey('12 Holloway Road\nLondon', 'N7 8DB'));
  });

  it('puts someone with no address (a postcode alone is a street, not a home) in no household', () => {
    expect(householdKey(null, 'N7 8DB')).toBeUndefined();
    expect(householdKey(' , \n', 'N7 8DB')).toBeUndefined();
  });
});
