import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

/** The Redis the integration suite runs against (.ci/services.sh starts one on 6399). */
export const TEST_REDIS_URL = process.env.LOGNEST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A client for one spec file and fresh key prefixes under one root per file, so parallel or
 * repeated runs never see each other's keys; `close` deletes only keys under that root.
 */
export function testRedis(name: string) {
  const root = `lognest-test:${name}:${randomUUID()}:`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  let n = 0;
  return {
    redis,
    /** A prefix no other test uses, ending in ':' like the production `lognest:`. */
    prefix: () => `${root}${n++}:`,
    async close() {
      await deleteKeys(redis, `${root}*`);
      await redis.quit();
    },
  };
}

/** Every key matching a SCAN glob. */
export async function scanKeys(redis: Redis, match: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** Deletes the keys matching a SCAN glob; never FLUSHDB, the Redis may be shared. */
export async function deleteKeys(redis: Redis, match: string): Promise<number> {
  const keys = await scanKeys(redis, match);
  return keys.length === 0 ? 0 : redis.unlink(...keys);
}
