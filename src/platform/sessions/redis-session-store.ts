import type Redis from 'ioredis';
import { REDIS_KEY_PREFIX } from '../redis/redis-connection';
import { RedisScript } from '../redis/redis-script';
import { execTransaction } from '../redis/redis-transaction';
import { SessionData, SessionStore } from './session-store';

/** How many expired sessions one deleteExpired round trip removes. */
const DELETE_BATCH = 500;

/** Moves the expiry of an existing session forward only (PEXPIRE GT, ZADD GT); never creates one. */
const TOUCH = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2], 'GT')
redis.call('ZADD', KEYS[2], 'GT', ARGV[3], ARGV[1])
return 1`);

/** Removes up to ARGV[2] sessions whose indexed expiry is at or before ARGV[1]; returns how many. */
const DELETE_EXPIRED = new RedisScript(`
local sids = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, ARGV[2])
for _, sid in ipairs(sids) do
  redis.call('DEL', ARGV[3] .. sid)
  redis.call('ZREM', KEYS[1], sid)
end
return #sids`);

/**
 * Sessions in Redis: `SET <prefix>session:<sid> <json> PX <ttl>`, so Redis itself drops an
 * expired session. A sorted set `<prefix>sessions:expiry` (sid by expiry) lets
 * `deleteExpired` honour the port: remove what has expired by a given time and say how many.
 * Used instead of connect-redis because express-session already talks to the SessionStore
 * port (ExpressSessionStore), and this keeps every adapter on the same contract suite.
 */
export class RedisSessionStore extends SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = REDIS_KEY_PREFIX,
  ) {
    super();
  }

  async get(sid: string): Promise<SessionData | null> {
    const json = await this.redis.get(this.key(sid));
    return json === null ? null : (JSON.parse(json) as SessionData);
  }

  async set(sid: string, data: SessionData, expiresAt: number): Promise<void> {
    const ttl = expiresAt - Date.now();
    const tx = this.redis.multi();
    if (ttl > 0) tx.set(this.key(sid), JSON.stringify(data), 'PX', ttl);
    else tx.del(this.key(sid));
    await execTransaction(tx.zadd(this.indexKey(), expiresAt, sid));
  }

  async touch(sid: string, expiresAt: number): Promise<void> {
    const ttl = expiresAt - Date.now();
    if (ttl <= 0) return;
    await TOUCH.run(this.redis, [this.key(sid), this.indexKey()], [sid, ttl, expiresAt]);
  }

  async destroy(sid: string): Promise<void> {
    await execTransaction(this.redis.multi().del(this.key(sid)).zrem(this.indexKey(), sid));
  }

  async deleteExpired(now: number): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = Number(await DELETE_EXPIRED.run(this.redis, [this.indexKey()], [now, DELETE_BATCH, this.key('')]));
      removed += batch;
      if (batch < DELETE_BATCH) return removed;
    }
  }

  private key(sid: string): string {
    return `${this.prefix}session:${sid}`;
  }
  private indexKey(): string {
    return `${this.prefix}sessions:expiry`;
  }
}
