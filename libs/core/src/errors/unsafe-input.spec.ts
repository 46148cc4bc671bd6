import { MAX_INPUT_DEPTH, unsafeInputDetails } from './unsafe-input';

const nested = (depth: number): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => ({ next: inner }), 'x');

describe('unsafeInputDetails', () => {
  it('names every string holding a NUL character by its path, in lists and nested objects too', () => {
    const details = unsafeInputDetails({ name: 'Jo\u0000', person: { postcode: 'N1' }, entries: [{ note: 'ok' }, { note: '\u0000' }], codes: ['a', '\u0000b'] }, 'body');
    expect(details.map((d) => [d.field, d.rule])).toEqual([
      ['name', 'noNulCharacter'],
      ['entries.1.note', 'noNulCharacter'],
      ['codes.1', 'noNulCharacter'],
    ]);
  });

  it('names a property name holding NUL by its parent, and a bare value by the input or parameter', () => {
    expect(unsafeInputDetails({ sizes: { 'a\u0000': 1 } }, 'body').map((d) => d.field)).toEqual(['sizes']);
    expect(unsafeInputDetails('\u0000', 'body').map((d) => d.field)).toEqual(['body']);
    expect(unsafeInputDetails('\u0000', 'query', 'q').map((d) => d.field)).toEqual(['q']);
  });

  it(`allows ${MAX_INPUT_DEPTH} levels of nesting and refuses one more, naming the outermost property`, () => {
    expect(unsafeInputDetails({ a: nested(MAX_INPUT_DEPTH - 1) }, 'body')).toEqual([]);
    expect(unsafeInputDetails({ a: nested(MAX_INPUT_DEPTH) }, 'body')).toEqual([{ field: 'a', rule: 'maxDepth', message: `a must not be nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeInputDetails(deep, 'body').map((d) => d.field)).toEqual(['body']);
  });
});
