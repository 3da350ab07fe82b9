import { NearbyCache } from './nearby-cache';

describe('NearbyCache', () => {
  it('lets concurrent identical queries share one load, and distinct keys load on their own', async () => {
    const cache = new NearbyCache<number>(60_000);
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 5));
    const results = await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load), cache.get('b', load)]);
    expect(loads).toBe(2);
    expect(results[0]).toBe(results[1]);
    expect(results[1]).toBe(results[2]);
    expect(results[3]).not.toBe(results[0]);
    expect(await cache.get('a', load)).toBe(results[0]); // reused while fresh
  });

  it('loads again after the time to live, after clear(), and after a failure', async () => {
    const cache = new NearbyCache<string>(20);
    let n = 0;
    const load = async () => `v${++n}`;
    expect(await cache.get('k', load)).toBe('v1');
    expect(await cache.get('k', load)).toBe('v1');
    await new Promise((r) => setTimeout(r, 30));
    expect(await cache.get('k', load)).toBe('v2');
    cache.clear();
    expect(await cache.get('k', load)).toBe('v3');
    await expect(cache.get('bad', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await Promise.resolve();
    expect(await cache.get('bad', load)).toBe('v4');
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const cache = new NearbyCache<number>(60_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, async () => 1);
    expect(cache.size).toBe(3);
    let reloaded = false;
    await cache.get('a', async () => ((reloaded = true), 2));
    expect(reloaded).toBe(true);
  });
});
