import { ageBandScheme, ageOn, bandForAge, bandForDateOfBirth, parseAgeBand, rebandCounts } from './age-bands';
import { mapCounts, countValues } from './category-mapping';
import { AGE_FIVE_YEAR_CATEGORIES, ETHNICITY_CATEGORIES, ethnicGroupOf, censusDimension } from '@steppingstone/areas/engine';

describe('age bands', () => {
  it('computes age at a reference date, counting a birthday on the day', () => {
    expect(ageOn(new Date('2000-06-15'), new Date('2024-06-14'))).toBe(23);
    expect(ageOn(new Date('2000-06-15'), new Date('2024-06-15'))).toBe(24);
  });

  it('parses census and programme band labels', () => {
    expect(parseAgeBand('Aged 4 years and under')).toMatchObject({ from: 0, to: 4 });
    expect(parseAgeBand('Aged 85 years and over')).toEqual({ label: 'Aged 85 years and over', from: 85 });
    expect(parseAgeBand('18-24')).toMatchObject({ from: 18, to: 24 });
    expect(parseAgeBand('65+')).toMatchObject({ from: 65 });
    expect(() => parseAgeBand('young')).toThrow(/not an age band/);
    expect(() => ageBandScheme(['18-30', '25-34'])).toThrow(/overlap/);
  });

  it('maps an age or date of birth to a census band and to a programme band', () => {
    expect(bandForAge(19)).toBe('Aged 15 to 19 years');
    expect(bandForAge(90)).toBe('Aged 85 years and over');
    const programme = ageBandScheme(['18-24', '25-34', '35-49', '50-64', '65+']);
    expect(bandForDateOfBirth(new Date('1980-01-01'), new Date('2025-01-01'), programme)).toBe('35-49');
    expect(bandForAge(17, programme)).toBeUndefined();
  });

  it('re-bands census five-year counts into programme bands by years of overlap', () => {
    const counts = new Map(AGE_FIVE_YEAR_CATEGORIES.map((c) => [c, 100]));
    const result = rebandCounts(counts, ageBandScheme(['18-24', '25-34', '35-49', '50-64', '65+']));
    expect(result.get('18-24')).toBeCloseTo(40 + 100); // 18-19 of "15 to 19" and all of "20 to 24"
    expect(result.get('35-49')).toBeCloseTo(300);
    expect(result.get('65+')).toBeCloseTo(500);
  });
});

describe('category mapping', () => {
  it('maps the 19 detailed ethnic groups onto the 5 high-level ones, keeping non-answers', () => {
    expect(ETHNICITY_CATEGORIES).toHaveLength(19);
    expect(ethnicGroupOf('Asian, Asian British or Asian Welsh: Bangladeshi')).toBe('Asian');
    expect(ethnicGroupOf('White: Roma')).toBe('White');
    const rolled = mapCounts({ 'White: Irish': 2, 'White: Roma': 1, 'Other ethnic group: Arab': 3, 'Prefer not to say': 4 }, (c) => censusDimension('ethnicity')?.broader?.groupOf(c));
    expect(Object.fromEntries(rolled)).toEqual({ White: 3, Other: 3, 'Prefer not to say': 4 });
    expect(() => mapCounts({ Martian: 1 }, ethnicGroupOf)).toThrow(/no mapping/);
  });

  it('counts people, with a missing value counted as not recorded', () => {
    expect(Object.fromEntries(countValues(['Female', undefined, 'Female', ' ']))).toEqual({ Female: 2, 'Not recorded': 2 });
  });

  it('rolls the detailed disability categories up to the census high-level ones', () => {
    const disability = censusDimension('disability');
    expect(disability?.broader?.groupOf('Disabled under the Equality Act: Day-to-day activities limited a lot')).toBe('Disabled under the Equality Act');
  });
});
