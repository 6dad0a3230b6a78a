import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { PatternChange, PatternStore, PatternTemplate } from './pattern-store';

interface Row {
  tenant_id: string;
  id: string;
  service: string | null;
  template: string;
  sample: string;
  count: number;
  first_seen: number;
  last_seen: number;
}

const toTemplate = (r: Row): PatternTemplate => ({
  tenantId: r.tenant_id, id: r.id, service: r.service, template: r.template, sample: r.sample,
  count: r.count, firstSeen: r.first_seen, lastSeen: r.last_seen,
});

/** Patterns in the metadata SQLite file, table `log_patterns` keyed by (tenant_id, id). */
export class SqlitePatternStore extends PatternStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async list(tenantId: string): Promise<PatternTemplate[]> {
    return (this.sqlite.db.prepare('SELECT * FROM log_patterns WHERE tenant_id = ?').all(tenantId) as Row[]).map(toTemplate);
  }

  async get(tenantId: string, ids: readonly string[]): Promise<PatternTemplate[]> {
    if (ids.length === 0) return [];
    const found: PatternTemplate[] = [];
    // SQLite allows 32,766 parameters; chunks of 500 stay far below on every build.
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const rows = this.sqlite.db
        .prepare(`SELECT * FROM log_patterns WHERE tenant_id = ? AND id IN (${part.map(() => '?').join(', ')})`)
        .all(tenantId, ...part) as Row[];
      found.push(...rows.map(toTemplate));
    }
    return found;
  }

  async save(tenantId: string, changes: readonly PatternChange[]): Promise<void> {
    const upsert = this.sqlite.db.prepare(
      `INSERT INTO log_patterns (tenant_id, id, service, template, sample, count, first_seen, last_seen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, id) DO UPDATE SET template = excluded.template, count = count + excluded.count,
         first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`,
    );
    this.sqlite.db.transaction(() => {
      for (const c of changes) upsert.run(tenantId, c.id, c.service, c.template, c.sample, c.count, c.firstSeen, c.lastSeen);
    })();
  }
}
