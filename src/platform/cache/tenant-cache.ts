import { createHash } from 'node:crypto';
import { QueryCache } from './query-cache';

/**
 * Answers cached per tenant under a name (`logs:search`, `metrics:overview`), each with its
 * own TTL. Keys are `t:<tenant>:<name>:<generation>:<digest of args>`: bumping the tenant's
 * generation (new or deleted records) makes its older entries unreachable, and a name prefix
 * lets an admin clear one kind (`DELETE /api/cache/clear?pattern=metrics:*`).
 */
export class TenantCache {
  constructor(
    private readonly cache: QueryCache,
    /** Told every lookup's name and whether it hit (the cache metrics). */
    private readonly onLookup: (name: string, hit: boolean) => void = () => undefined,
  ) {}

  /**
   * `settled` keys the entry by the tenant's settled generation instead: for answers about a
   * time range that ingest of new records cannot change (docs/decisions/0016).
   */
  async remember<T>(tenantId: string, name: string, args: unknown, ttlSeconds: number, load: () => Promise<T>, settled = false): Promise<T> {
    if (ttlSeconds <= 0) return load();
    const generation = await this.cache.generation(settled ? settledGeneration(tenantId) : tenantId);
    const digest = createHash('sha1').update(JSON.stringify(args) ?? '').digest('base64url');
    const key = `t:${tenantId}:${name}:${settled ? 's' : ''}${generation}:${digest}`;
    const hit = await this.cache.get<T>(key);
    this.onLookup(name, hit !== undefined);
    if (hit !== undefined) return hit;
    const value = await load();
    await this.cache.set(key, value, ttlSeconds);
    return value;
  }

  /** Drops the tenant's entries; with `liveOnly`, those keyed by its settled generation stay. */
  async invalidate(tenantId: string, liveOnly = false): Promise<void> {
    // Both bumps start now, not one after the other: a lookup right after the write must not
    // read the old settled generation.
    const live = this.cache.bumpGeneration(tenantId);
    await Promise.all(liveOnly ? [live] : [live, this.cache.bumpGeneration(settledGeneration(tenantId))]);
  }

  /** Deletes the tenant's entries whose name starts with `namePrefix` (all with ''); returns how many. */
  async clear(tenantId: string, namePrefix: string): Promise<number> {
    if (namePrefix === '') await this.invalidate(tenantId);
    return this.cache.clear(`t:${tenantId}:${namePrefix}`);
  }
}

/** The name of a tenant's settled generation (tenant ids hold no '#'). */
const settledGeneration = (tenantId: string) => `${tenantId}#settled`;
