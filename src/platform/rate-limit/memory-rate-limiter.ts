import { KeyedRateWindow, RateLimiter, RateWindow } from './rate-limiter';

/** Above this many keys, expired windows are swept on the next increment. */
const SWEEP_ABOVE = 10_000;

/** Counters in this process's memory: the embedded default, and the fake for tests. */
export class MemoryRateLimiter extends RateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  async increment(key: string, windowMs: number): Promise<RateWindow> {
    const now = Date.now();
    if (this.windows.size > SWEEP_ABOVE) this.sweep(now);
    const current = this.live(key, now);
    const next = current ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: now + windowMs };
    this.windows.set(key, next);
    return { ...next };
  }

  async peek(key: string): Promise<RateWindow | null> {
    const current = this.live(key, Date.now());
    return current ? { ...current } : null;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async list(prefix: string, limit: number): Promise<KeyedRateWindow[]> {
    this.sweep(Date.now());
    const out: KeyedRateWindow[] = [];
    for (const [key, window] of this.windows) {
      if (out.length >= limit) break;
      if (key.startsWith(prefix)) out.push({ key, ...window });
    }
    return out;
  }

  async resetPrefix(prefix: string): Promise<number> {
    let removed = 0;
    for (const key of [...this.windows.keys()]) if (key.startsWith(prefix) && this.windows.delete(key)) removed++;
    return removed;
  }

  private live(key: string, now: number): RateWindow | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (window.resetAt > now) return window;
    this.windows.delete(key);
    return null;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
