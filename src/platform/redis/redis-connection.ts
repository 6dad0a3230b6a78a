import { Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { once } from 'node:events';

/** Every key Lognest writes starts with this, followed by the purpose (`cache:`, `session:`, ...). */
export const REDIS_KEY_PREFIX = 'lognest:';

/** A start with an unreachable Redis fails after this long instead of queueing forever. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** Shutdown waits this long for replies still pending before it drops the connection. */
export const QUIT_TIMEOUT_MS = 2_000;

/**
 * The one ioredis client of the process, shared by every Redis adapter (cache, sessions,
 * rate limits). Opened at start so a wrong LOGNEST_REDIS_URL stops the start with a message;
 * without a URL it holds no client and nothing touches Redis. Closed on shutdown.
 */
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');

  private constructor(private readonly redis: Redis | null) {}

  static async open(url: string | null): Promise<RedisConnection> {
    if (!url) return new RedisConnection(null);
    let started = false;
    const redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // No retries before the first connection, so a wrong URL fails the start at once;
      // afterwards reconnect with backoff.
      retryStrategy: (attempt) => (started ? Math.min(attempt * 200, 2_000) : null),
      // A request fails after a few reconnect attempts rather than hanging while Redis is down.
      maxRetriesPerRequest: 3,
    });
    let cause: Error | null = null;
    const remember = (err: Error) => (cause ??= err);
    redis.on('error', remember);
    try {
      await redis.connect();
      await redis.ping();
    } catch (err) {
      if (redis.status !== 'end') redis.disconnect();
      throw new Error(`LOGNEST_REDIS_URL: cannot reach Redis at ${redactUrl(url)}: ${(cause ?? (err as Error)).message}`);
    }
    redis.off('error', remember);
    started = true;
    const connection = new RedisConnection(redis);
    connection.logErrors(redis);
    return connection;
  }

  /** The client; only asked for by the factories that chose a Redis adapter. */
  get client(): Redis {
    if (!this.redis) throw new Error('Redis is not configured (LOGNEST_REDIS_URL is unset)');
    return this.redis;
  }

  /** null without Redis; otherwise whether it answers a PING now. */
  async healthy(): Promise<boolean | null> {
    if (!this.redis) return null;
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** QUIT lets pending replies arrive; resolves once the socket is closed. */
  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'end') return;
    if (redis.status !== 'ready') {
      redis.disconnect(); // also cancels a pending reconnect
      return;
    }
    const ended = once(redis, 'end');
    const timer = setTimeout(() => redis.disconnect(), QUIT_TIMEOUT_MS);
    await redis.quit().catch(() => redis.disconnect());
    await ended;
    clearTimeout(timer);
  }

  /** ioredis repeats the same error on every reconnect attempt; log each distinct one once. */
  private logErrors(redis: Redis): void {
    let last = '';
    redis.on('error', (err: Error) => {
      if (err.message !== last) this.logger.warn(`Redis connection: ${err.message}`);
      last = err.message;
    });
    redis.on('ready', () => (last = ''));
  }
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
