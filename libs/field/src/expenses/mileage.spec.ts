import { DEFAULT_FIELD_SETTINGS } from '../settings/field-settings';
import { mileagePence, taxYearEnd, taxYearStart } from './mileage';

describe('mileage at HMRC-style rates', () => {
  it('pays 45p a mile below 10,000 miles in the tax year', () => {
    expect(mileagePence(0, 12.5, DEFAULT_FIELD_SETTINGS)).toBe(563); // 12.5 × 45 = 562.5, rounded half up
    expect(mileagePence(9_000, 100, DEFAULT_FIELD_SETTINGS)).toBe(4_500);
  });

  it('splits a claim that crosses 10,000 miles: 45p up to it, 25p after', () => {
    // 9,990 already paid: 10 miles at 45p (450) and 30 at 25p (750).
    expect(mileagePence(9_990, 40, DEFAULT_FIELD_SETTINGS)).toBe(1_200);
    expect(mileagePence(10_000, 40, DEFAULT_FIELD_SETTINGS)).toBe(1_000);
    expect(mileagePence(12_345.6, 0.4, DEFAULT_FIELD_SETTINGS)).toBe(10);
  });

  it('uses the organisation’s own rates and threshold', () => {
    expect(mileagePence(0, 10, { mileagePencePerMile: 30, mileagePencePerMileAbove: 20, mileageThresholdMiles: 5 })).toBe(250);
  });

  it('knows the tax year runs from 6 April to 5 April', () => {
    expect([taxYearStart('2026-04-05'), taxYearStart('2026-04-06'), taxYearStart('2027-01-31')]).toEqual(['2025-04-06', '2026-04-06', '2026-04-06']);
    expect(taxYearEnd('2026-12-01')).toBe('2027-04-05');
  });
});
