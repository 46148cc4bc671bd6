import { analysisDimension } from './analysis-dimensions';

describe('ages in the gap analysis', () => {
  const adults = analysisDimension('age_18plus')!;
  const fiveYear = analysisDimension('age')!;

  it('bands an age in years, and takes an age group answered instead of a date of birth as it is', () => {
    expect(adults.categoryOf('31')).toBe('25-34');
    expect(adults.categoryOf('17')).toBe('Under 18');
    expect(adults.categoryOf('25-34')).toBe('25-34');
    expect(adults.categoryOf('Under 18')).toBe('Under 18');
  });

  it('places nobody in a five-year band that an age group straddles', () => {
    expect(fiveYear.categoryOf('31')).toBe('Aged 30 to 34 years');
    expect(fiveYear.categoryOf('18-24')).toBe('Not recorded');
  });
});
