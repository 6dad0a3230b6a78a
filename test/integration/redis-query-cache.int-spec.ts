import { describeQueryCacheContract } from '../../src/platform/cache/query-cache.contract';
import { RedisQueryCache } from '../../src/platform/cache/redis-query-cache';
import { testRedis } from './support/test-redis';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const t = testRedis('query-cache');
afterAll(() => t.close());

// Redis keeps real time, so `advance` waits.
describeQueryCacheContract('redis', async () => ({ cache: new RedisQueryCache(t.redis, t.prefix()), advance: sleep }));

describe('RedisQueryCache', () => {
  it('uses the documented keys, with a TTL on every entry', async () => {
    const prefix = t.prefix();
    const cache = new RedisQueryCache(t.redis, prefix);
    await cache.set('logs:t1:0:search:abc', { total: 1 }, 30);
    await cache.bumpGeneration('t1');
    await cache.get('logs:t1:0:search:abc');
    expect(JSON.parse((await t.redis.get(`${prefix}cache:logs:t1:0:search:abc`)) ?? 'null')).toEqual({ total: 1 });
    expect(await t.redis.ttl(`${prefix}cache:logs:t1:0:search:abc`)).toBeGreaterThan(25);
    expect(await t.redis.get(`${prefix}cachegen:t1`)).toBe('1');
    expect(await t.redis.get(`${prefix}cachestats:hits`)).toBe('1');
  });

  it('shares entries, generations and stats between processes on the same Redis', async () => {
    const prefix = t.prefix();
    const one = new RedisQueryCache(t.redis, prefix);
    const other = new RedisQueryCache(t.redis, prefix);
    await one.set('k', [1, 2], 60);
    await one.bumpGeneration('t1');
    expect(await other.get('k')).toEqual([1, 2]);
    expect(await other.generation('t1')).toBe(1);
    expect(await one.stats()).toEqual({ totalKeys: 1, hits: 1, misses: 0, memoryBytes: '[1,2]'.length });
  });

  it('counts only its own prefix in stats', async () => {
    const a = new RedisQueryCache(t.redis, t.prefix());
    const b = new RedisQueryCache(t.redis, t.prefix());
    await a.set('x', 1, 60);
    await a.set('y', 2, 60);
    await b.set('z', 3, 60);
    expect((await a.stats()).totalKeys).toBe(2);
    expect((await b.stats()).totalKeys).toBe(1);
  });
});
