import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { PatternChange, PatternDraft, PatternStore, PatternTemplate } from './pattern-store';

interface Row {
  tenant_id: string;
  id: string;
  service: string | null;
  template: string;
  sample: string;
  count: number;
  first_seen: number;
  last_seen: number;
  revision: number;
}

const toTemplate = (r: Row): PatternTemplate => ({
  tenantId: r.tenant_id, id: r.id, service: r.service, template: r.template, sample: r.sample,
  count: r.count, firstSeen: r.first_seen, lastSeen: r.last_seen, revision: r.revision,
});

const serviceKey = (service: string | null) => (service === null ? '' : `s:${service}`);

/**
 * Patterns in the metadata SQLite file, table `log_patterns` keyed by (tenant_id, id), and
 * each service's publish revision in `log_pattern_revisions`. A publish is one IMMEDIATE
 * transaction (the write lock taken before the revision is read), so two processes on one
 * file cannot both publish revision n + 1.
 */
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
       ON CONFLICT (tenant_id, id) DO UPDATE SET count = count + excluded.count,
         first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)`,
    );
    this.sqlite.db.transaction(() => {
      for (const c of changes) upsert.run(tenantId, c.id, c.service, c.template, c.sample, c.count, c.firstSeen, c.lastSeen);
    })();
  }

  async publish(tenantId: string, service: string | null, expected: number, drafts: readonly PatternDraft[]): Promise<boolean> {
    const db = this.sqlite.db;
    const current = db.prepare('SELECT revision FROM log_pattern_revisions WHERE tenant_id = ? AND service_key = ?');
    const bump = db.prepare(
      `INSERT INTO log_pattern_revisions (tenant_id, service_key, revision) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id, service_key) DO UPDATE SET revision = excluded.revision`,
    );
    const upsert = db.prepare(
      `INSERT INTO log_patterns (tenant_id, id, service, template, sample, count, first_seen, last_seen, revision)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
       ON CONFLICT (tenant_id, id) DO UPDATE SET template = excluded.template, revision = excluded.revision`,
    );
    return db.transaction(() => {
      const row = current.get(tenantId, serviceKey(service)) as { revision: number } | undefined;
      if ((row?.revision ?? 0) !== expected) return false;
      bump.run(tenantId, serviceKey(service), expected + 1);
      for (const d of drafts) upsert.run(tenantId, d.id, service, d.template, d.sample, d.firstSeen, d.lastSeen, expected + 1);
      return true;
    }).immediate();
  }

  async published(tenantId: string, service: string | null, after: number): Promise<{ revision: number; templates: PatternTemplate[] }> {
    const db = this.sqlite.db;
    return db.transaction(() => {
      const row = db.prepare('SELECT revision FROM log_pattern_revisions WHERE tenant_id = ? AND service_key = ?').get(tenantId, serviceKey(service)) as { revision: number } | undefined;
      const rows = db.prepare('SELECT * FROM log_patterns WHERE tenant_id = ? AND service IS ? AND revision > ?').all(tenantId, service, after) as Row[];
      return { revision: row?.revision ?? 0, templates: rows.map(toTemplate) };
    })();
  }
}
