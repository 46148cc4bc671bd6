import { CensusFiguresCache } from './census-figures-cache';

describe('CensusFiguresCache', () => {
  it('loads a key once, however many ask for it at once', async () => {
    const cache = new CensusFiguresCache<number>(4);
    const load = jest.fn(async () => 42);
    const answers = await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)]);
    expect(answers).toEqual([42, 42, 42]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets the least recently used key once full', async () => {
    const cache = new CensusFiguresCache<string>(2);
    const load = jest.fn(async () => 'x');
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load); // a is now the most recently used
    await cache.get('c', load); // evicts b
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('b', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('does not remember a failed load', async () => {
    const cache = new CensusFiguresCache<number>(2);
    await expect(cache.get('a', async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
    await expect(cache.get('a', async () => 7)).resolves.toBe(7);
  });
});
