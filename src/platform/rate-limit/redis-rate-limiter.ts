import type Redis from 'ioredis';
import { REDIS_KEY_PREFIX } from '../redis/redis-connection';
import { RedisScript } from '../redis/redis-script';
import { execTransaction } from '../redis/redis-transaction';
import { escapeGlob } from '../redis/redis-glob';
import { KeyedRateWindow, RateLimiter, RateWindow } from './rate-limiter';

/**
 * INCR, and on the first hit of a window PEXPIREAT at the caller's `now + windowMs`, atomically.
 * The window end is taken from the caller's clock (as the memory adapter does) so `resetAt`
 * agrees with the `Date.now()` that LoginThrottle compares it to, and PEXPIRETIME returns that
 * same instant on every later hit. A key left without expiry (never expected) gets one too.
 */
const INCREMENT = new RedisScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[1])
end
return {count, redis.call('PEXPIRETIME', KEYS[1])}`);

/** Fixed-window counters in Redis, shared by every Lognest process: `<prefix>ratelimit:<key>`. */
export class RedisRateLimiter extends RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = REDIS_KEY_PREFIX,
  ) {
    super();
  }

  async increment(key: string, windowMs: number): Promise<RateWindow> {
    const resetAt = Date.now() + windowMs;
    const [count, expiresAt] = (await INCREMENT.run(this.redis, [this.key(key)], [resetAt])) as [number, number];
    // PEXPIRETIME is negative only if the window had already passed on Redis's clock.
    return { count, resetAt: expiresAt > 0 ? expiresAt : resetAt };
  }

  async peek(key: string): Promise<RateWindow | null> {
    const [count, expiresAt] = (await execTransaction(this.redis.multi().get(this.key(key)).pexpiretime(this.key(key)))) as [string | null, number];
    return count === null || expiresAt < 0 ? null : { count: Number(count), resetAt: expiresAt };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async list(prefix: string, limit: number): Promise<KeyedRateWindow[]> {
    const out: KeyedRateWindow[] = [];
    for await (const keys of this.scan(prefix)) {
      const replies = (await keys.reduce((p, k) => p.get(k).pexpiretime(k), this.redis.pipeline()).exec()) ?? [];
      keys.forEach((key, i) => {
        const [count, expiresAt] = [replies[2 * i]?.[1] as string | null, replies[2 * i + 1]?.[1] as number];
        if (count !== null && expiresAt > 0 && out.length < limit) out.push({ key: key.slice(this.key('').length), count: Number(count), resetAt: expiresAt });
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  async resetPrefix(prefix: string): Promise<number> {
    let removed = 0;
    for await (const keys of this.scan(prefix)) removed += await this.redis.del(...keys);
    return removed;
  }

  private async *scan(prefix: string): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(this.key(prefix))}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }

  private key(key: string): string {
    return `${this.prefix}ratelimit:${key}`;
  }
}
