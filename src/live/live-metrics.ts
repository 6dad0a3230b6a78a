import { MetricsUpdate } from './client-events';

const SECONDS = 60;
const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL']);

interface Second {
  at: number;
  total: number;
  byLevel: Record<string, number>;
}

/**
 * Per-tenant counts of committed records in one-second slots over the last minute, fed by the
 * same committed batches as the tail (local and from other processes), so metrics_update
 * needs no store query.
 */
export class LiveMetrics {
  private readonly slots = new Map<string, Second[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts committed records of a tenant, by their levels. */
  count(tenantId: string, levels: readonly string[]): void {
    const second = Math.floor(this.now() / 1000);
    const slots = this.slots.get(tenantId) ?? Array.from({ length: SECONDS }, (): Second => ({ at: -1, total: 0, byLevel: {} }));
    this.slots.set(tenantId, slots);
    const slot = slots[second % SECONDS];
    if (slot.at !== second) Object.assign(slot, { at: second, total: 0, byLevel: {} });
    slot.total += levels.length;
    for (const level of levels) slot.byLevel[level] = (slot.byLevel[level] ?? 0) + 1;
  }

  /** Forgets a tenant nobody watches any more. */
  forget(tenantId: string): void {
    this.slots.delete(tenantId);
  }

  /** The last complete second, and the 60 seconds before now. */
  snapshot(tenantId: string, connectedUsers: number): MetricsUpdate {
    const now = this.now();
    const second = Math.floor(now / 1000);
    const byLevel: Record<string, number> = {};
    let lastSecond = 0;
    for (const slot of this.slots.get(tenantId) ?? []) {
      if (slot.at <= second - SECONDS || slot.at > second) continue;
      if (slot.at === second - 1) lastSecond = slot.total;
      for (const [level, n] of Object.entries(slot.byLevel)) byLevel[level] = (byLevel[level] ?? 0) + n;
    }
    const errors = Object.entries(byLevel).reduce((n, [level, c]) => n + (ERROR_LEVELS.has(level) ? c : 0), 0);
    return { logs_per_second: lastSecond, errors_per_minute: errors, connected_users: connectedUsers, by_level: byLevel, timestamp: new Date(now).toISOString() };
  }
}
