export interface CacheStats {
  totalKeys: number;
  hits: number;
  misses: number;
  memoryBytes: number;
}

/**
 * A key-value cache with expiry for query results. Values are JSON-serializable. Tenant
 * invalidation works by generations: a key embeds the tenant's generation, and bumping it
 * makes every older entry unreachable (they expire on their own).
 */
export abstract class QueryCache {
  abstract get<T>(key: string): Promise<T | undefined>;
  abstract set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  abstract generation(tenantId: string): Promise<number>;
  abstract bumpGeneration(tenantId: string): Promise<void>;
  /** Deletes every entry whose key starts with `prefix`; returns how many. */
  abstract clear(prefix: string): Promise<number>;
  abstract stats(): Promise<CacheStats>;
}
