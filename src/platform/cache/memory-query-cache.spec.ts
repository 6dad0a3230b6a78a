import { MemoryQueryCache } from './memory-query-cache';
import { describeQueryCacheContract } from './query-cache.contract';

describeQueryCacheContract('memory', async () => {
  let now = 1_000_000;
  const cache = new MemoryQueryCache(100, () => now);
  return { cache, advance: async (ms: number) => void (now += ms) };
});

describe('MemoryQueryCache', () => {
  it('evicts the oldest entries beyond its size', async () => {
    const cache = new MemoryQueryCache(2);
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.set('c', 3, 60);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('c')).toBe(3);
    expect((await cache.stats()).totalKeys).toBe(2);
  });
});
