import { PopularQuery, SearchHistoryEntry } from './search-history';
import { SearchHistoryStore } from './search-history-store';

const newestFirst = (a: SearchHistoryEntry, b: SearchHistoryEntry) => b.searchedAt - a.searchedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** In-memory SearchHistoryStore for unit tests. */
export class FakeSearchHistoryStore extends SearchHistoryStore {
  private entries: SearchHistoryEntry[] = [];

  private owned(tenantId: string, userId: string): SearchHistoryEntry[] {
    return this.entries.filter((e) => e.tenantId === tenantId && e.userId === userId).sort(newestFirst);
  }

  async add(entry: SearchHistoryEntry, keepPerUser: number): Promise<void> {
    this.entries.push({ ...entry, filters: structuredClone(entry.filters) });
    const dropped = new Set(this.owned(entry.tenantId, entry.userId).slice(keepPerUser));
    this.entries = this.entries.filter((e) => !dropped.has(e));
  }

  async list(tenantId: string, userId: string, limit: number): Promise<SearchHistoryEntry[]> {
    return this.owned(tenantId, userId).slice(0, limit).map((e) => ({ ...e, filters: structuredClone(e.filters) }));
  }

  async popular(tenantId: string, since: number, limit: number): Promise<PopularQuery[]> {
    const byQuery = new Map<string, PopularQuery>();
    for (const e of this.entries) {
      if (e.tenantId !== tenantId || e.searchedAt < since || e.query === '') continue;
      const seen = byQuery.get(e.query) ?? { query: e.query, count: 0, lastSearched: e.searchedAt };
      byQuery.set(e.query, { query: e.query, count: seen.count + 1, lastSearched: Math.max(seen.lastSearched, e.searchedAt) });
    }
    return [...byQuery.values()]
      .sort((a, b) => b.count - a.count || b.lastSearched - a.lastSearched || (a.query < b.query ? -1 : 1))
      .slice(0, limit);
  }

  async clear(tenantId: string, userId: string): Promise<number> {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.tenantId !== tenantId || e.userId !== userId);
    return before - this.entries.length;
  }
}
