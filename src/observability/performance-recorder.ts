import { Injectable } from '@nestjs/common';

interface Timing {
  count: number;
  totalMs: number;
  maxMs: number;
}

export type TimingCategory = 'api' | 'log_store' | 'metadata_store';

/** Running averages of how long API routes and store calls take, since start. */
@Injectable()
export class PerformanceRecorder {
  private readonly timings = new Map<TimingCategory, Map<string, Timing>>();
  private readonly listeners: ((category: TimingCategory, name: string, ms: number) => void)[] = [];

  /** Also hands every timing to `listener` (the Prometheus store histograms). */
  onRecord(listener: (category: TimingCategory, name: string, ms: number) => void): void {
    this.listeners.push(listener);
  }

  record(category: TimingCategory, name: string, ms: number): void {
    for (const listener of this.listeners) listener(category, name, ms);
    let byName = this.timings.get(category);
    if (!byName) this.timings.set(category, (byName = new Map()));
    const t = byName.get(name) ?? { count: 0, totalMs: 0, maxMs: 0 };
    t.count++;
    t.totalMs += ms;
    t.maxMs = Math.max(t.maxMs, ms);
    byName.set(name, t);
  }

  /** Average milliseconds per name, e.g. `{ 'POST /api/search': 12.3 }`. */
  averages(category: TimingCategory): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, t] of [...(this.timings.get(category) ?? new Map<string, Timing>())].sort()) {
      out[name] = Math.round((t.totalMs / t.count) * 100) / 100;
    }
    return out;
  }

  counts(category: TimingCategory): Record<string, number> {
    return Object.fromEntries([...(this.timings.get(category) ?? new Map<string, Timing>())].map(([n, t]) => [n, t.count]));
  }
}

/**
 * Wraps every async method of a store so that its duration is recorded under
 * `<prefix>:<method>`. Async iterators (exports) are passed through untimed.
 */
export function timed<T extends object>(target: T, recorder: PerformanceRecorder, category: TimingCategory, prefix: string): T {
  return new Proxy(target, {
    get(obj, property, receiver) {
      const value = Reflect.get(obj, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = value.apply(obj, args);
        if (result instanceof Promise) {
          return result.finally(() => recorder.record(category, `${prefix}:${property}`, performance.now() - started));
        }
        return result;
      };
    },
  });
}
