import { describeRateLimiterContract } from '../../src/platform/rate-limit/rate-limiter.contract';
import { RedisRateLimiter } from '../../src/platform/rate-limit/redis-rate-limiter';
import { testRedis } from './support/test-redis';

const t = testRedis('rate-limiter');
afterAll(() => t.close());

describeRateLimiterContract('redis', () => new RedisRateLimiter(t.redis, t.prefix()));

describe('RedisRateLimiter', () => {
  it('keeps the window in Redis with an expiry, shared by every limiter on it', async () => {
    const prefix = t.prefix();
    const one = new RedisRateLimiter(t.redis, prefix);
    const other = new RedisRateLimiter(t.redis, prefix);
    const first = await one.increment('login:ip:10.0.0.1', 60_000);
    expect(await other.increment('login:ip:10.0.0.1', 60_000)).toEqual({ count: 2, resetAt: first.resetAt });
    expect(await t.redis.get(`${prefix}ratelimit:login:ip:10.0.0.1`)).toBe('2');
    expect(await t.redis.pexpiretime(`${prefix}ratelimit:login:ip:10.0.0.1`)).toBe(first.resetAt);
  });

  it('counts concurrent hits exactly once each', async () => {
    const limiter = new RedisRateLimiter(t.redis, t.prefix());
    const windows = await Promise.all(Array.from({ length: 50 }, () => limiter.increment('k', 60_000)));
    expect(windows.map((w) => w.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(windows.map((w) => w.resetAt)).size).toBe(1);
  });
});
