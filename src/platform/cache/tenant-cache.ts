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

  async remember<T>(tenantId: string, name: string, args: unknown, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    if (ttlSeconds <= 0) return load();
    const generation = await this.cache.generation(tenantId);
    const digest = createHash('sha1').update(JSON.stringify(args) ?? '').digest('base64url');
    const key = `t:${tenantId}:${name}:${generation}:${digest}`;
    const hit = await this.cache.get<T>(key);
    this.onLookup(name, hit !== undefined);
    if (hit !== undefined) return hit;
    const value = await load();
    await this.cache.set(key, value, ttlSeconds);
    return value;
  }

  invalidate(tenantId: string): Promise<void> {
    return this.cache.bumpGeneration(tenantId);
  }

  /** Deletes the tenant's entries whose name starts with `namePrefix` (all with ''); returns how many. */
  async clear(tenantId: string, namePrefix: string): Promise<number> {
    if (namePrefix === '') await this.cache.bumpGeneration(tenantId);
    return this.cache.clear(`t:${tenantId}:${namePrefix}`);
  }
}
