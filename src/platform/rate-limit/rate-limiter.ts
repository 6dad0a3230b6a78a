/** A fixed-window counter: how many hits a key has had since the window opened, and when it resets. */
export interface RateWindow {
  count: number;
  resetAt: number;
}

export interface KeyedRateWindow extends RateWindow {
  key: string;
}

/**
 * Counters for rate limits (login failures). Contract: `increment` opens a window of
 * `windowMs` on the first hit of a key and counts hits until `resetAt`, after which the key
 * starts again from zero; `peek` reads without counting; `reset` forgets a key; `list` and
 * `resetPrefix` see and forget the open windows of keys starting with a prefix (at most
 * `limit` listed, for the admin's status page). Adapters: memory (one process); Redis
 * (INCR + PEXPIRE, SCAN for prefixes) runs the same contract.
 */
export abstract class RateLimiter {
  abstract increment(key: string, windowMs: number): Promise<RateWindow>;
  abstract peek(key: string): Promise<RateWindow | null>;
  abstract reset(key: string): Promise<void>;
  abstract list(prefix: string, limit: number): Promise<KeyedRateWindow[]>;
  /** Returns how many keys were forgotten. */
  abstract resetPrefix(prefix: string): Promise<number>;
}
