/** What a session holds: plain JSON (the cookie settings, passport's user id, the CSRF token). */
export type SessionData = Record<string, unknown>;

/**
 * Server-side browser sessions by id. Contract: `get` never returns a session whose
 * `expiresAt` has passed; `set` replaces the whole session; `touch` only moves the expiry of
 * an existing session; `deleteExpired` removes what has expired and says how many (none, for
 * a store whose server drops an expired session by itself).
 * Adapters: SQLite (`sessions` table), Redis (connect-redis, key TTLs), memory (tests).
 */
export abstract class SessionStore {
  abstract get(sid: string): Promise<SessionData | null>;
  abstract set(sid: string, data: SessionData, expiresAt: number): Promise<void>;
  abstract touch(sid: string, expiresAt: number): Promise<void>;
  abstract destroy(sid: string): Promise<void>;
  abstract deleteExpired(now: number): Promise<number>;
}
