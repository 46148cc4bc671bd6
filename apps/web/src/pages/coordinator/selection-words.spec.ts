import { bindingSentence, groupPhrase, quotaRange } from './selection-words';

describe('selection words', () => {
  it('names groups as a person says them, intersections included', () => {
    expect(groupPhrase('sex', 'Female')).toBe('Women');
    expect(groupPhrase('sex', 'Male')).toBe('Men');
    expect(groupPhrase('age_18plus', '18-24')).toBe('People aged 18-24');
    expect(groupPhrase('locality', 'North')).toBe('People in North');
    expect(groupPhrase('ethnicity_broad', 'White')).toBe('People whose ethnic group is White');
    expect(groupPhrase('locality x sex', 'North x Female')).toBe('Women in North');
    expect(groupPhrase('sex', 'Prefer not to say')).toBe('People whose sex is Prefer not to say');
  });

  it('says which way a binding quota holds a chance, with the bound and the pool', () => {
    expect(bindingSentence({ category: 'sex', feature: 'Female', bound: 'max', limit: 15, poolCount: 26 }, 30)).toBe(
      'Women are held to at most 15 of the 30 places, which holds their chance down (26 of the applicants are in this group).',
    );
    expect(bindingSentence({ category: 'age_18plus', feature: '65+', bound: 'min', limit: 4, poolCount: 1 }, 30)).toBe(
      'People aged 65+ are given at least 4 of the 30 places, which holds their chance up (1 of the applicants is in this group).',
    );
    expect(bindingSentence({ category: 'locality', feature: 'North', bound: 'exact', limit: 1, poolCount: 5 }, 1)).toBe(
      'People in North get exactly 1 of the 1 place, so their chance is set by that share (5 of the applicants are in this group).',
    );
  });

  it('gives a quota’s range and the panel’s count', () => {
    expect(quotaRange({ category: 'sex', feature: 'Male', min: 12, max: 18, selected: 12 })).toBe('Men: 12 to 18, 12 on the panel');
    expect(quotaRange({ category: 'locality', feature: 'North', min: 10, max: 10 })).toBe('People in North: exactly 10');
  });
});
