import { compileNamed, Conditions } from './named-query';

describe('compileNamed', () => {
  it('numbers named placeholders in order of first appearance and sends a name used twice once', () => {
    expect(compileNamed('SELECT * FROM t WHERE org = :org AND (a = :q OR b = :q) AND c = :c', { c: 3, q: 'x', org: 'o' })).toEqual({
      text: 'SELECT * FROM t WHERE org = $1 AND (a = $2 OR b = $2) AND c = $3',
      values: ['o', 'x', 3],
    });
  });

  it('leaves type casts alone, including a cast straight after a placeholder', () => {
    expect(compileNamed('SELECT :from::date, now()::date, :ids::uuid[]', { from: '2026-01-01', ids: ['a'] })).toEqual({
      text: 'SELECT $1::date, now()::date, $2::uuid[]',
      values: ['2026-01-01', ['a']],
    });
  });

  it('passes an array as one parameter, and spreads it into a list only for :...name', () => {
    expect(compileNamed('SELECT 1 WHERE s = ANY(:statuses) OR s IN (:...others)', { statuses: ['a', 'b'], others: ['c', 'd'] })).toEqual({
      text: 'SELECT 1 WHERE s = ANY($1) OR s IN ($2, $3)',
      values: [['a', 'b'], 'c', 'd'],
    });
  });

  it('leaves colons that are not placeholders alone: times, slices and words after a digit', () => {
    expect(compileNamed(`SELECT '08:00', a[1:2], to_char(t, 'HH24:MI') FROM x WHERE id = :id`, { id: 1 })).toEqual({
      text: `SELECT '08:00', a[1:2], to_char(t, 'HH24:MI') FROM x WHERE id = $1`,
      values: [1],
    });
  });

  it('sends only the values the statement names, so one params object can serve conditions left out', () => {
    const where = ['org = :org'];
    const params: Record<string, unknown> = { org: 'o', unused: 'u' };
    expect(compileNamed(`SELECT 1 FROM t WHERE ${where.join(' AND ')}`, params)).toEqual({ text: 'SELECT 1 FROM t WHERE org = $1', values: ['o'] });
  });

  it('keeps null and undefined values as parameters', () => {
    expect(compileNamed('SELECT :a, :b', { a: null, b: undefined })).toEqual({ text: 'SELECT $1, $2', values: [null, undefined] });
  });

  it('refuses a placeholder without a value, naming it', () => {
    expect(() => compileNamed('SELECT 1 WHERE a = :a AND b = :b', { a: 1 })).toThrow('no value for :b');
  });

  it('refuses a value named like a type the statement casts to', () => {
    expect(() => compileNamed('SELECT :day::date', { day: 'x', date: 'y' })).toThrow('the parameter "date" has the name of the type cast ::date');
  });

  it('refuses a function value, which TypeORM would paste into the SQL unescaped', () => {
    expect(() => compileNamed('SELECT :a', { a: () => '1; DROP TABLE t' })).toThrow(':a is a function');
  });

  it('refuses an empty or non-array list for :...name, which would be IN ()', () => {
    expect(() => compileNamed('SELECT 1 WHERE a IN (:...ids)', { ids: [] })).toThrow(':...ids needs a non-empty array');
    expect(() => compileNamed('SELECT 1 WHERE a IN (:...ids)', { ids: 'x' })).toThrow(':...ids needs a non-empty array');
  });
});

describe('Conditions', () => {
  it('ANDs the conditions given and collects the values they name into one params object', () => {
    const where = new Conditions('a.organisation_id = :org', { org: 'o' });
    const status: string | undefined = 'approved';
    const personId: string | undefined = undefined;
    if (status) where.and('a.status = :status', { status });
    if (personId) where.and('a.person_id = :personId', { personId });
    where.bind({ limit: 10 });
    expect(where.sql).toBe('a.organisation_id = :org AND a.status = :status');
    expect(where.params).toEqual({ org: 'o', status: 'approved', limit: 10 });
    expect(compileNamed(`SELECT 1 FROM a WHERE ${where.sql} LIMIT :limit`, where.params)).toEqual({
      text: 'SELECT 1 FROM a WHERE a.organisation_id = $1 AND a.status = $2 LIMIT $3',
      values: ['o', 'approved', 10],
    });
  });

  it('is true with no conditions', () => {
    expect(new Conditions().sql).toBe('true');
  });

  it('accepts a name bound again to the same value and refuses it bound to another', () => {
    const where = new Conditions('a = :id', { id: 1 }).and('b = :id', { id: 1 });
    expect(where.params).toEqual({ id: 1 });
    expect(() => where.and('c = :id', { id: 2 })).toThrow(':id is already bound to another value');
  });
});
