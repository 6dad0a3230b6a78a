import { CacheStats, QueryCache } from './query-cache';

interface Entry {
  json: string;
  expiresAt: number;
}

/** In-process cache: a Map in insertion order, evicting the oldest beyond `maxEntries`. */
export class MemoryQueryCache extends QueryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private hits = 0;
  private misses = 0;
  private bytes = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) {
      if (entry) this.remove(key, entry);
      this.misses++;
      return undefined;
    }
    this.hits++;
    return JSON.parse(entry.json) as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const json = JSON.stringify(value);
    this.entries.set(key, { json, expiresAt: this.now() + ttlSeconds * 1000 });
    this.bytes += json.length * 2;
    while (this.entries.size > this.maxEntries) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.remove(oldest, entry);
    }
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.json.length * 2;
  }

  async clear(prefix: string): Promise<number> {
    let removed = 0;
    for (const [key, entry] of [...this.entries]) {
      if (!key.startsWith(prefix)) continue;
      this.remove(key, entry);
      removed++;
    }
    return removed;
  }

  async generation(tenantId: string): Promise<number> {
    return this.generations.get(tenantId) ?? 0;
  }

  async bumpGeneration(tenantId: string): Promise<void> {
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }

  async stats(): Promise<CacheStats> {
    return { totalKeys: this.entries.size, hits: this.hits, misses: this.misses, memoryBytes: this.bytes };
  }
}
