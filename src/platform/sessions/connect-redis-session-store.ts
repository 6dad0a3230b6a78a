import { RedisStore } from 'connect-redis';
import type { SessionData as ExpressSessionData } from 'express-session';
import { REDIS_KEY_PREFIX } from '../redis/redis-connection';
import { SessionData, SessionStore } from './session-store';

/**
 * What this adapter hands connect-redis as "the session": the data, and when it expires. The
 * port gives the expiry beside the data; connect-redis asks `ttl(session)` for it and stores
 * what `serializer.stringify(session)` returns, so both options read the envelope.
 */
interface Envelope {
  data: SessionData;
  expiresAt: number;
}

const envelope = (data: SessionData, expiresAt: number) => ({ data, expiresAt }) as unknown as ExpressSessionData;
const secondsUntil = (at: number) => Math.ceil((at - Date.now()) / 1000);

/**
 * Sessions in Redis through connect-redis (the store express-session's authors maintain):
 * `SET <prefix>session:<sid> <json> EX <seconds left>`, and Redis itself drops a session when
 * it expires, so `deleteExpired` has nothing left to do. The port stays between express-session
 * and the store (ExpressSessionStore), so this adapter runs the same contract suite as the
 * SQLite one; the key layout is the one Lognest used before connect-redis, so signed-in
 * sessions survive the change.
 */
export class ConnectRedisSessionStore extends SessionStore {
  private readonly store: RedisStore;

  /** `client`: a connected node-redis client (connect-redis speaks no other). */
  constructor(client: unknown, prefix = REDIS_KEY_PREFIX) {
    super();
    this.store = new RedisStore({
      client,
      prefix: `${prefix}session:`,
      ttl: (session) => secondsUntil((session as unknown as Envelope).expiresAt),
      serializer: { stringify: (session) => JSON.stringify((session as unknown as Envelope).data), parse: (json) => JSON.parse(json) },
    });
  }

  async get(sid: string): Promise<SessionData | null> {
    return ((await this.store.get(sid)) as SessionData | null) ?? null;
  }

  /** An expiry already past deletes the session (connect-redis), which is what `get` would show. */
  async set(sid: string, data: SessionData, expiresAt: number): Promise<void> {
    await this.store.set(sid, envelope(data, expiresAt));
  }

  /** EXPIRE on a missing key does nothing: touch never creates a session. */
  async touch(sid: string, expiresAt: number): Promise<void> {
    if (secondsUntil(expiresAt) > 0) await this.store.touch(sid, envelope({}, expiresAt));
  }

  async destroy(sid: string): Promise<void> {
    await this.store.destroy(sid);
  }

  /** Redis has already dropped every expired session (its key's TTL ran out). */
  async deleteExpired(): Promise<number> {
    return 0;
  }
}
