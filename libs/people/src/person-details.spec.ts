import { isPlausibleDateOfBirth, normalisePersonDetails, phoneDigitVariants, reachableBy, tidyAddress } from './person-details';

describe('phoneDigitVariants', () => {
  it('folds international and national spellings of one UK number together', () => {
    const forms = ['+44 7700 900123', '0044 7700 900123', '07700 900123', '(07700) 900-123'].map(phoneDigitVariants);
    for (const variants of forms) expect(variants).toEqual(expect.arrayContaining(['07700900123', '447700900123']));
  });

  it('leaves numbers it cannot read as UK ones alone, and answers nothing for no number', () => {
    expect(phoneDigitVariants('+1 212 555 0100')).toEqual(['12125550100']);
    expect(phoneDigitVariants('  ')).toEqual([]);
    expect(phoneDigitVariants(null)).toEqual([]);
  });
});

describe('normalisePersonDetails', () => {
  it('spells postcodes, emails and names one way', () => {
    expect(normalisePersonDetails({ name: '  Jo   Bloggs ', email: ' Jo@Example.ORG ', postcode: 'n19gu' })).toMatchObject({ name: 'Jo Bloggs', email: 'jo@example.org', postcode: 'N1 9GU' });
  });
});

describe('isPlausibleDateOfBirth', () => {
  const today = new Date('2026-11-25T12:00:00Z');
  it.each([
    ['1985-06-15', true],
    ['2026-12-01', false],
    ['1899-01-01', false],
    ['1990-02-30', false],
    ['15/06/1985', false],
  ])('%s → %s', (value, expected) => expect(isPlausibleDateOfBirth(value, today)).toBe(expected));
});

describe('tidyAddress and reachableBy', () => {
  it('keeps an address as trimmed lines, splitting on new lines or commas, and nothing for blanks', () => {
    expect(tidyAddress('  12  Holloway Road,\n\n London ')).toBe('12 Holloway Road\nLondon');
    expect(tidyAddress(' \n ')).toBeNull();
    expect(tidyAddress(undefined)).toBeNull();
  });

  it('reaches a person by every channel their details allow, email first', () => {
    expect(reachableBy({ email: 'a@example.org', phone: '07700 900123', address: '1 Road' })).toEqual(['email', 'phone', 'post']);
    expect(reachableBy({ phone: '07700 900123' })).toEqual(['phone']);
    expect(reachableBy({})).toEqual([]);
  });
});
