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

    it('reset forgets a key only', async () => {
      await limiter.increment('a', 60_000);
      await limiter.increment('b', 60_000);
      await limiter.reset('a');
      expect(await limiter.peek('a')).toBeNull();
      expect((await limiter.peek('b'))?.count).toBe(1);
    });
  });
}
