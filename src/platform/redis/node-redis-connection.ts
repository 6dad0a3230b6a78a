import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { createClient, RedisClientType } from 'redis';
import { CONNECT_TIMEOUT_MS, QUIT_TIMEOUT_MS, redactUrl } from './redis-connection';

const logger = new Logger('Redis');

/**
 * A node-redis client of the process, for connect-redis (the session store), which speaks
 * only node-redis (≥ 5); every other Redis adapter shares ioredis's RedisConnection. Opened at
 * start like it, so a wrong LOGNEST_REDIS_URL stops the start; without a URL it holds none.
 */
export class NodeRedisConnection implements OnApplicationShutdown {
  private constructor(private readonly redis: RedisClientType | null) {}

  static async open(url: string | null): Promise<NodeRedisConnection> {
    if (!url) return new NodeRedisConnection(null);
    let started = false;
    const redis: RedisClientType = createClient({
      url,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // No retries before the first connection, so a wrong URL fails the start at once; afterwards reconnect with backoff.
        // (`false`, not the cause: node-redis checks `instanceof Error`, which fails for an error of another realm.)
        reconnectStrategy: (retries: number) => (started ? Math.min(retries * 200, 2_000) : false),
      },
      // A command fails at once while Redis is down instead of waiting for the reconnection.
      disableOfflineQueue: true,
    });
    let last = '';
    let cause: Error | null = null;
    redis.on('error', (err: Error) => {
      cause ??= err;
      if (started && err.message !== last) logger.warn(`Redis connection (sessions): ${err.message}`);
      last = err.message;
    });
    redis.on('ready', () => (last = ''));
    try {
      await redis.connect();
    } catch (err) {
      if (redis.isOpen) redis.destroy();
      throw new Error(`LOGNEST_REDIS_URL: cannot reach Redis at ${redactUrl(url)}: ${(cause ?? (err as Error)).message}`);
    }
    started = true;
    return new NodeRedisConnection(redis);
  }

  /** The client; only asked for when LOGNEST_REDIS_URL chose the Redis session store. */
  get client(): RedisClientType {
    if (!this.redis) throw new Error('Redis is not configured (LOGNEST_REDIS_URL is unset)');
    return this.redis;
  }

  /** Lets pending replies arrive, within QUIT_TIMEOUT_MS. */
  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    if (!redis?.isOpen) return;
    const timer = setTimeout(() => redis.destroy(), QUIT_TIMEOUT_MS);
    await redis.close().catch(() => redis.destroy());
    clearTimeout(timer);
  }
}
