import { FieldSettings } from '../settings/field-settings';

/** The UK tax year a date falls in, by its first day: 6 April. */
export function taxYearStart(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) >= '04-06' ? `${year}-04-06` : `${year - 1}-04-06`;
}

export function taxYearEnd(isoDate: string): string {
  return `${Number(taxYearStart(isoDate).slice(0, 4)) + 1}-04-05`;
}

/**
 * Mileage at the organisation's rates: the first rate up to the threshold of miles in the person's
 * tax year, the second beyond it (HMRC's approved amounts: 45p for the first 10,000 miles, 25p
 * after). `milesBefore` are the miles already paid in the same tax year. Miles are counted in
 * tenths (as claimed), so no floating-point error enters the pence.
 */
export function mileagePence(milesBefore: number, miles: number, rates: Pick<FieldSettings, 'mileagePencePerMile' | 'mileagePencePerMileAbove' | 'mileageThresholdMiles'>): number {
  const before = Math.round(milesBefore * 10);
  const claimed = Math.round(miles * 10);
  const threshold = rates.mileageThresholdMiles * 10;
  const atFirstRate = Math.max(0, Math.min(claimed, threshold - before));
  const atSecondRate = claimed - atFirstRate;
  return Math.round((atFirstRate * rates.mileagePencePerMile + atSecondRate * rates.mileagePencePerMileAbove) / 10);
}
