import { SearchHistoryEntry } from './search-history';
import { SearchHistoryStore } from './search-history-store';

let seq = 0;
const entry = (over: Partial<SearchHistoryEntry> = {}): SearchHistoryEntry => {
  seq++;
  return {
    id: `h${String(seq).padStart(6, '0')}`, tenantId: 't1', userId: 'u1', query: 'timeout', filters: { level: 'ERROR' },
    total: 3, durationMs: 12.5, searchedAt: 1_000 + seq, ...over,
  };
};

/**
 * The behaviour every SearchHistoryStore adapter (SQLite, MongoDB, memory) must show. The
 * store under test knows tenant t1 with users u1 and u2, and tenant t2 with user u3.
 */
export function describeSearchHistoryStoreContract(name: string, make: () => Promise<SearchHistoryStore>) {
  describe(`SearchHistoryStore contract: ${name}`, () => {
    let store: SearchHistoryStore;
    beforeEach(async () => {
      store = await make();
    });

    it('lists a user’s own searches newest first, as they were added', async () => {
      const a = entry({ searchedAt: 1_000, query: 'first', filters: { level: 'ERROR', status_code: ['500'] } });
      const b = entry({ searchedAt: 3_000, query: 'second' });
      const c = entry({ searchedAt: 2_000, query: '', total: 0, durationMs: 0.25 });
      for (const e of [a, b, c]) await store.add(e, 1_000);
      await store.add(entry({ userId: 'u2' }), 1_000);
      expect(await store.list('t1', 'u1', 10)).toEqual([b, c, a]);
      expect((await store.list('t1', 'u1', 1)).map((e) => e.query)).toEqual(['second']);
    });

    it('keeps only the newest entries of a user beyond the bound, others untouched', async () => {
      await store.add(entry({ userId: 'u2', searchedAt: 1 }), 3);
      for (let i = 0; i < 5; i++) await store.add(entry({ query: `q${i}`, searchedAt: 10_000 + i }), 3);
      expect((await store.list('t1', 'u1', 10)).map((e) => e.query)).toEqual(['q4', 'q3', 'q2']);
      expect(await store.list('t1', 'u2', 10)).toHaveLength(1);
    });

    it('ranks a tenant’s non-empty queries by count, then recency, within the window', async () => {
      await store.add(entry({ query: 'slow', searchedAt: 100 }), 1_000);
      await store.add(entry({ query: 'slow', searchedAt: 200, userId: 'u2' }), 1_000);
      await store.add(entry({ query: 'error', searchedAt: 300 }), 1_000);
      await store.add(entry({ query: 'crash', searchedAt: 400 }), 1_000);
      await store.add(entry({ query: '', searchedAt: 500 }), 1_000);
      await store.add(entry({ query: '', searchedAt: 501 }), 1_000);
      await store.add(entry({ query: 'ancient', searchedAt: 10 }), 1_000);
      await store.add(entry({ query: 'ancient', searchedAt: 11 }), 1_000);
      await store.add(entry({ query: 'ancient', searchedAt: 12 }), 1_000);
      await store.add(entry({ query: 'elsewhere', searchedAt: 600, tenantId: 't2', userId: 'u3' }), 1_000);
      expect(await store.popular('t1', 100, 10)).toEqual([
        { query: 'slow', count: 2, lastSearched: 200 },
        { query: 'crash', count: 1, lastSearched: 400 },
        { query: 'error', count: 1, lastSearched: 300 },
      ]);
      expect((await store.popular('t1', 0, 1)).map((p) => p.query)).toEqual(['ancient']);
      expect((await store.popular('t2', 0, 10)).map((p) => p.query)).toEqual(['elsewhere']);
    });

    it('clears one user’s history only', async () => {
      await store.add(entry(), 1_000);
      await store.add(entry(), 1_000);
      await store.add(entry({ userId: 'u2' }), 1_000);
      await store.add(entry({ tenantId: 't2', userId: 'u3' }), 1_000);
      expect(await store.clear('t1', 'u1')).toBe(2);
      expect(await store.list('t1', 'u1', 10)).toEqual([]);
      expect(await store.list('t1', 'u2', 10)).toHaveLength(1);
      expect(await store.list('t2', 'u3', 10)).toHaveLength(1);
    });
  });
}
