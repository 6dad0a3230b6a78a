import { SqliteDatabase } from './sqlite-database';
import { TenantMetadataPurge } from './tenant-metadata-purge';

/** Referenced by other tables' foreign keys: emptied after them. */
const LAST = ['users', 'tenants'];

export class SqliteTenantMetadataPurge extends TenantMetadataPurge {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async purge(tenantId: string): Promise<Record<string, number>> {
    const db = this.sqlite.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).some((c) => c.name === 'tenant_id'))
      .sort((a, b) => LAST.indexOf(a) - LAST.indexOf(b));
    const deleted: Record<string, number> = {};
    db.transaction(() => {
      for (const table of tables) deleted[table] = db.prepare(`DELETE FROM "${table}" WHERE tenant_id = ?`).run(tenantId).changes;
      deleted.tenants = db.prepare('DELETE FROM tenants WHERE id = ?').run(tenantId).changes;
    })();
    return deleted;
  }
}
