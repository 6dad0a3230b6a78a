import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { PopularQuery, SearchHistoryEntry } from './search-history';
import { SearchHistoryStore } from './search-history-store';

interface Row {
  id: string; tenant_id: string; user_id: string; query: string; filters: string; total: number; duration_ms: number; searched_at: number;
}

const toEntry = (r: Row): SearchHistoryEntry => ({
  id: r.id, tenantId: r.tenant_id, userId: r.user_id, query: r.query, filters: JSON.parse(r.filters),
  total: r.total, durationMs: r.duration_ms, searchedAt: r.searched_at,
});

const NEWEST_FIRST = 'ORDER BY searched_at DESC, id DESC';

@Injectable()
export class SqliteSearchHistoryStore extends SearchHistoryStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async add(e: SearchHistoryEntry, keepPerUser: number): Promise<void> {
    const db = this.sqlite.db;
    db.transaction(() => {
      db.prepare(`INSERT INTO search_history (id, tenant_id, user_id, query, filters, total, duration_ms, searched_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(e.id, e.tenantId, e.userId, e.query, JSON.stringify(e.filters), e.total, e.durationMs, e.searchedAt);
      // The newest entry past the bound, found on the owner index; it and everything older go.
      const cut = db
        .prepare(`SELECT searched_at, id FROM search_history WHERE tenant_id = ? AND user_id = ? ${NEWEST_FIRST} LIMIT 1 OFFSET ?`)
        .get(e.tenantId, e.userId, keepPerUser) as { searched_at: number; id: string } | undefined;
      if (!cut) return;
      db.prepare('DELETE FROM search_history WHERE tenant_id = ? AND user_id = ? AND (searched_at < ? OR (searched_at = ? AND id <= ?))')
        .run(e.tenantId, e.userId, cut.searched_at, cut.searched_at, cut.id);
    })();
  }

  async list(tenantId: string, userId: string, limit: number): Promise<SearchHistoryEntry[]> {
    const rows = this.sqlite.db
      .prepare(`SELECT * FROM search_history WHERE tenant_id = ? AND user_id = ? ${NEWEST_FIRST} LIMIT ?`)
      .all(tenantId, userId, limit) as Row[];
    return rows.map(toEntry);
  }

  async popular(tenantId: string, since: number, limit: number): Promise<PopularQuery[]> {
    const rows = this.sqlite.db
      .prepare(`SELECT query, count(*) AS n, max(searched_at) AS last FROM search_history
                WHERE tenant_id = ? AND searched_at >= ? AND query <> ''
                GROUP BY query ORDER BY n DESC, last DESC, query LIMIT ?`)
      .all(tenantId, since, limit) as { query: string; n: number; last: number }[];
    return rows.map((r) => ({ query: r.query, count: r.n, lastSearched: r.last }));
  }

  async clear(tenantId: string, userId: string): Promise<number> {
    return this.sqlite.db.prepare('DELETE FROM search_history WHERE tenant_id = ? AND user_id = ?').run(tenantId, userId).changes;
  }
}
