import { RateLimiter } from './rate-limiter';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The behaviour every RateLimiter adapter must show; run it from each adapter's spec. */
export function describeRateLimiterContract(name: string, make: () => Promise<RateLimiter> | RateLimiter): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let limiter: RateLimiter;
    beforeEach(async () => {
      limiter = await make();
    });

    it('counts hits per key within one window', async () => {
      const before = Date.now();
      const first = await limiter.increment('a', 60_000);
      expect(first.count).toBe(1);
      expect(first.resetAt).toBeGreaterThanOrEqual(before + 60_000);
      expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
      const second = await limiter.increment('a', 60_000);
      expect(second).toEqual({ count: 2, resetAt: first.resetAt });
      expect((await limiter.increment('b', 60_000)).count).toBe(1);
      expect(await limiter.peek('a')).toEqual({ count: 2, resetAt: first.resetAt });
      expect(await limiter.peek('never')).toBeNull();
    });

    it('starts again after the window', async () => {
      await limiter.increment('a', 40);
      await limiter.increment('a', 40);
      await sleep(60);
      expect(await limiter.peek('a')).toBeNull();
      expect((await limiter.increment('a', 40)).count).toBe(1);
    });

    it('lists and forgets the open windows under a prefix', async () => {
      await limiter.increment('api:t1:user:a:search', 60_000);
      await limiter.increment('api:t1:user:a:search', 60_000);
      await limiter.increment('api:t1:user:b:default', 60_000);
      await limiter.increment('api:t2:user:c:default', 60_000);
      await limiter.increment('api:t1:user:gone:default', 30);
      await sleep(50);
      const listed = await limiter.list('api:t1:', 100);
      expect(listed.map((w) => [w.key, w.count]).sort()).toEqual([['api:t1:user:a:search', 2], ['api:t1:user:b:default', 1]]);
      expect(listed[0].resetAt).toBeGreaterThan(Date.now());
      expect(await limiter.list('api:t1:', 1)).toHaveLength(1);
      expect(await limiter.list('api:t[', 10)).toEqual([]);
      expect(await limiter.resetPrefix('api:t1:user:a:')).toBe(1);
      expect((await limiter.list('api:', 100)).map((w) => w.key).sort()).toEqual(['api:t1:user:b:default', 'api:t2:user:c:default']);
      await limiter.resetPrefix('api:');
      expect(await limiter.list('api:', 100)).toEqual([]);
    });

    it('reset forgets a key only', async () => {
      await limiter.increment('a', 60_000);
      await limiter.increment('b', 60_000);
      await limiter.reset('a');
      expect(await limiter.peek('a')).toBeNull();
      expect((await limiter.peek('b'))?.count).toBe(1);
    });
  });
}
