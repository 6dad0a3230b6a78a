import type Redis from 'ioredis';
import { REDIS_KEY_PREFIX } from '../redis/redis-connection';
import { escapeGlob } from '../redis/redis-glob';
import { RedisScript } from '../redis/redis-script';
import { CacheStats, QueryCache } from './query-cache';

/** `stats()` counts cache keys with SCAN up to this many, so it stays cheap on a big Redis. */
const STATS_SCAN_LIMIT = 10_000;

/** Reads a value and counts the hit or miss in the same round trip. */
const GET_AND_COUNT = new RedisScript(`
local value = redis.call('GET', KEYS[1])
if value then redis.call('INCR', KEYS[2]) else redis.call('INCR', KEYS[3]) end
return value`);

/**
 * The query cache in Redis, shared by every Lognest process on it: values as JSON under
 * `<prefix>cache:<key>` with `SET EX`, tenant generations as `INCR <prefix>cachegen:<tenant>`,
 * hits and misses as Redis counters. `clear` deletes by prefix with SCAN (an admin's action).
 */
export class RedisQueryCache extends QueryCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = REDIS_KEY_PREFIX,
  ) {
    super();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = (await GET_AND_COUNT.run(this.redis, [this.entryKey(key), this.statKey('hits'), this.statKey('misses')], [])) as string | null;
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return;
    await this.redis.set(this.entryKey(key), JSON.stringify(value), 'EX', Math.ceil(ttlSeconds));
  }

  async clear(prefix: string): Promise<number> {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(this.entryKey(prefix))}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await this.redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  }

  async generation(tenantId: string): Promise<number> {
    return Number((await this.redis.get(this.generationKey(tenantId))) ?? 0);
  }

  async bumpGeneration(tenantId: string): Promise<void> {
    await this.redis.incr(this.generationKey(tenantId));
  }

  /** Hits and misses of all processes; keys and bytes (JSON length) from a bounded SCAN. */
  async stats(): Promise<CacheStats> {
    const [hits, misses] = await this.redis.mget(this.statKey('hits'), this.statKey('misses'));
    let totalKeys = 0;
    let memoryBytes = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${escapeGlob(this.prefix)}cache:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      const lengths = await keys.reduce((p, k) => p.strlen(k), this.redis.pipeline()).exec();
      totalKeys += keys.length;
      for (const [, length] of lengths ?? []) memoryBytes += Number(length ?? 0);
    } while (cursor !== '0' && totalKeys < STATS_SCAN_LIMIT);
    return { totalKeys, hits: Number(hits ?? 0), misses: Number(misses ?? 0), memoryBytes };
  }

  private entryKey(key: string): string {
    return `${this.prefix}cache:${key}`;
  }
  private generationKey(tenantId: string): string {
    return `${this.prefix}cachegen:${tenantId}`;
  }
  private statKey(name: 'hits' | 'misses'): string {
    return `${this.prefix}cachestats:${name}`;
  }
}
