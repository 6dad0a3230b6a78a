import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { SavedParseRule, SavedParseRuleChanges } from './parse-rule-record';
import { DuplicateRuleNameError, ParseRuleStore } from './parse-rule-store';

interface Row {
  id: string; tenant_id: string; name: string; service: string | null; description: string | null; spec: string;
  created_by: string; created_at: number; updated_at: number;
}

const toRule = (r: Row): SavedParseRule => ({
  id: r.id, tenantId: r.tenant_id, name: r.name, service: r.service, description: r.description, spec: JSON.parse(r.spec),
  createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class SqliteParseRuleStore extends ParseRuleStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(r: SavedParseRule): Promise<void> {
    try {
      this.sqlite.db
        .prepare(`INSERT INTO parse_rules (id, tenant_id, name, service, description, spec, created_by, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(r.id, r.tenantId, r.name, r.service, r.description, JSON.stringify(r.spec), r.createdBy, r.createdAt, r.updatedAt);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateRuleNameError(r.name);
      throw err;
    }
  }

  async list(tenantId: string): Promise<SavedParseRule[]> {
    return (this.sqlite.db.prepare('SELECT * FROM parse_rules WHERE tenant_id = ? ORDER BY name').all(tenantId) as Row[]).map(toRule);
  }

  async get(tenantId: string, id: string): Promise<SavedParseRule | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM parse_rules WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
    return row ? toRule(row) : null;
  }

  async findByName(tenantId: string, name: string): Promise<SavedParseRule | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM parse_rules WHERE tenant_id = ? AND name = ?').get(tenantId, name) as Row | undefined;
    return row ? toRule(row) : null;
  }

  async findByService(tenantId: string, service: string): Promise<SavedParseRule | null> {
    const row = this.sqlite.db
      .prepare('SELECT * FROM parse_rules WHERE tenant_id = ? AND service = ? ORDER BY updated_at DESC, id DESC LIMIT 1')
      .get(tenantId, service) as Row | undefined;
    return row ? toRule(row) : null;
  }

  async update(tenantId: string, id: string, changes: SavedParseRuleChanges): Promise<SavedParseRule | null> {
    const columns: Record<string, unknown> = {
      name: changes.name, service: changes.service, description: changes.description,
      spec: changes.spec === undefined ? undefined : JSON.stringify(changes.spec), updated_at: changes.updatedAt,
    };
    const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
    try {
      this.sqlite.db
        .prepare(`UPDATE parse_rules SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE tenant_id = ? AND id = ?`)
        .run(...entries.map(([, v]) => v), tenantId, id);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateRuleNameError(changes.name ?? '');
      throw err;
    }
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM parse_rules WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }
}
