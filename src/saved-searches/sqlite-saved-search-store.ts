import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { SavedSearch, SavedSearchChanges } from './saved-search';
import { SavedSearchStore } from './saved-search-store';

interface Row {
  id: string; tenant_id: string; user_id: string; name: string; description: string | null; filters: string;
  created_at: number; last_used: number | null; use_count: number;
}

const toSearch = (r: Row): SavedSearch => ({
  id: r.id, tenantId: r.tenant_id, userId: r.user_id, name: r.name, description: r.description,
  filters: JSON.parse(r.filters), createdAt: r.created_at, lastUsed: r.last_used, useCount: r.use_count,
});

const OWNED = 'tenant_id = ? AND user_id = ? AND id = ?';

@Injectable()
export class SqliteSavedSearchStore extends SavedSearchStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(s: SavedSearch): Promise<void> {
    this.sqlite.db
      .prepare(`INSERT INTO saved_searches (id, tenant_id, user_id, name, description, filters, created_at, last_used, use_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(s.id, s.tenantId, s.userId, s.name, s.description, JSON.stringify(s.filters), s.createdAt, s.lastUsed, s.useCount);
  }

  async list(tenantId: string, userId: string, limit: number): Promise<SavedSearch[]> {
    const rows = this.sqlite.db
      .prepare('SELECT * FROM saved_searches WHERE tenant_id = ? AND user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?')
      .all(tenantId, userId, limit) as Row[];
    return rows.map(toSearch);
  }

  async get(tenantId: string, userId: string, id: string): Promise<SavedSearch | null> {
    const row = this.sqlite.db.prepare(`SELECT * FROM saved_searches WHERE ${OWNED}`).get(tenantId, userId, id) as Row | undefined;
    return row ? toSearch(row) : null;
  }

  async update(tenantId: string, userId: string, id: string, changes: SavedSearchChanges): Promise<SavedSearch | null> {
    const columns = { name: changes.name, description: changes.description };
    const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
    if (entries.length > 0) {
      const sets = entries.map(([column]) => `${column} = ?`).join(', ');
      this.sqlite.db.prepare(`UPDATE saved_searches SET ${sets} WHERE ${OWNED}`).run(...entries.map(([, v]) => v), tenantId, userId, id);
    }
    return this.get(tenantId, userId, id);
  }

  async markUsed(tenantId: string, userId: string, id: string, at: number): Promise<SavedSearch | null> {
    this.sqlite.db.prepare(`UPDATE saved_searches SET use_count = use_count + 1, last_used = ? WHERE ${OWNED}`).run(at, tenantId, userId, id);
    return this.get(tenantId, userId, id);
  }

  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare(`DELETE FROM saved_searches WHERE ${OWNED}`).run(tenantId, userId, id).changes > 0;
  }
}
