import { sqliteWithContractOwners } from './contract-owners.contract';
import { FakeSearchHistoryStore } from './fake-search-history-store';
import { describeSearchHistoryStoreContract } from './search-history-store.contract';
import { SqliteSearchHistoryStore } from './sqlite-search-history-store';

describeSearchHistoryStoreContract('memory', async () => new FakeSearchHistoryStore());
describeSearchHistoryStoreContract('sqlite', async () => new SqliteSearchHistoryStore(sqliteWithContractOwners()));

// Decision 0174: every search writes an entry and trims the user's history to its bound; a
// sort of the whole history in that trim cost ~1 ms a search. The owner index serves the
// history's order: no statement of add or list sorts.
describe('SQLite search history statements', () => {
  it('reads and trims a user’s history on the owner index, without sorting it', async () => {
    const sqlite = sqliteWithContractOwners();
    const statements: string[] = [];
    const prepare = sqlite.db.prepare.bind(sqlite.db);
    sqlite.db.prepare = ((sql: string) => {
      statements.push(sql);
      return prepare(sql);
    }) as typeof sqlite.db.prepare;
    const store = new SqliteSearchHistoryStore(sqlite);
    for (let i = 0; i < 5; i++) {
      await store.add({ id: `h${i}`, tenantId: 't1', userId: 'u1', query: `q${i}`, filters: {}, total: 0, durationMs: 1, searchedAt: 1000 + (i % 2) }, 3);
    }
    expect((await store.list('t1', 'u1', 10)).map((e) => e.id)).toEqual(['h3', 'h1', 'h4']);
    const reads = [...new Set(statements)].filter((sql) => /^\s*(SELECT|DELETE)/i.test(sql));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const sql of reads) {
      const params = (sql.match(/\?/g) ?? []).map(() => 't1');
      const plan = (sqlite.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      expect({ sql, plan }).toEqual({ sql, plan: expect.not.arrayContaining([expect.stringMatching(/TEMP B-TREE/)]) });
      expect(plan.join(' ')).toMatch(/search_history_owner/);
    }
    sqlite.close();
  });
});
