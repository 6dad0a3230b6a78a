import { QueryCache } from './query-cache';

/** The behaviour every QueryCache adapter (memory, Redis) must show. */
export function describeQueryCacheContract(name: string, make: () => Promise<{ cache: QueryCache; advance(ms: number): Promise<void> }>) {
  describe(`QueryCache contract: ${name}`, () => {
    it('returns what was stored until it expires', async () => {
      const { cache, advance } = await make();
      await cache.set('k1', { total: 3, rows: ['a'] }, 2);
      expect(await cache.get('k1')).toEqual({ total: 3, rows: ['a'] });
      await advance(2100);
      expect(await cache.get('k1')).toBeUndefined();
    });

    it('counts hits and misses', async () => {
      const { cache } = await make();
      const before = await cache.stats();
      await cache.get('absent');
      await cache.set('present', 1, 60);
      await cache.get('present');
      const after = await cache.stats();
      expect(after.misses - before.misses).toBe(1);
      expect(after.hits - before.hits).toBe(1);
      expect(after.totalKeys).toBeGreaterThanOrEqual(1);
    });

    it('clears the entries under a prefix only', async () => {
      const { cache } = await make();
      await cache.set('t:a:logs:search:1', 1, 60);
      await cache.set('t:a:metrics:overview:1', 2, 60);
      await cache.set('t:ab:logs:search:1', 3, 60);
      expect(await cache.clear('t:a:logs:')).toBe(1);
      expect(await cache.get('t:a:logs:search:1')).toBeUndefined();
      expect(await cache.get('t:a:metrics:overview:1')).toBe(2);
      expect(await cache.clear('t:a:')).toBe(1);
      expect(await cache.get('t:ab:logs:search:1')).toBe(3);
      expect(await cache.clear('t:[')).toBe(0);
    });

    it('keeps a generation per tenant', async () => {
      const { cache } = await make();
      const a0 = await cache.generation('tenant-a');
      const b0 = await cache.generation('tenant-b');
      await cache.bumpGeneration('tenant-a');
      expect(await cache.generation('tenant-a')).toBe(a0 + 1);
      expect(await cache.generation('tenant-b')).toBe(b0);
    });
  });
}
