import { DimensionGap, Shortfall } from '@steppingstone/representativeness/engine';
import { groupsNotThereYet } from './recruitment-window-closing';

const shortfall = (overrides: Partial<Shortfall>): Shortfall => ({
  dimension: 'sex',
  category: 'Male',
  count: 0,
  expectedCount: 5.8,
  shortfall: 5.8,
  representationRatio: 0,
  flag: 'under',
  referenceShare: 0.48,
  neededAtCapacity: 22,
  ...overrides,
});
const dimensions = [
  { dimension: 'sex', label: 'Sex' },
  { dimension: 'age_18plus', label: 'Age (adults)' },
] as Array<DimensionGap & { label: string }>;

describe('the groups a closing recruitment window names', () => {
  it('lists the groups flagged as under-represented, by label, with how many more would fill their share of the places', () => {
    expect(
      groupsNotThereYet({ dimensions, capacity: 45, whoIsntThere: [shortfall({}), shortfall({ dimension: 'age_18plus', category: '65+', count: 1, expectedCount: 2.5, neededAtCapacity: 7 })] }),
    ).toEqual([
      'Sex: Male (0 applied, 5.8 expected): about 22 more applicants to fill their share of 45 places',
      'Age (adults): 65+ (1 applied, 2.5 expected): about 7 more applicants to fill their share of 45 places',
    ]);
  });

  it('leaves out shortfalls too small to be flagged, so a pool near the borough names nobody and sends no email', () => {
    expect(groupsNotThereYet({ dimensions, capacity: 45, whoIsntThere: [shortfall({ flag: null, representationRatio: 0.9 })] })).toEqual([]);
    expect(groupsNotThereYet({ dimensions, capacity: 45, whoIsntThere: [] })).toEqual([]);
  });

  it('says nothing about places when the intake has no capacity to measure against', () => {
    expect(groupsNotThereYet({ dimensions, capacity: null, whoIsntThere: [shortfall({ neededAtCapacity: 1 })] })).toEqual(['Sex: Male (0 applied, 5.8 expected)']);
  });
});
