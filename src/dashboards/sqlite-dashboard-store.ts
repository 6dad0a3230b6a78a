import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { Dashboard } from './dashboard';
import { DashboardStore, SaveResult } from './dashboard-store';

interface Row {
  id: string; tenant_id: string; owner_id: string; owner_name: string; name: string; description: string | null; shared: number;
  time_range: string; refresh_seconds: number | null; widgets: string; version: number; created_at: number; updated_at: number;
}

const toDashboard = (r: Row): Dashboard => ({
  id: r.id, tenantId: r.tenant_id, ownerId: r.owner_id, ownerName: r.owner_name, name: r.name, description: r.description,
  shared: r.shared === 1, timeRange: JSON.parse(r.time_range), refreshSeconds: r.refresh_seconds, widgets: JSON.parse(r.widgets),
  version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
});

const VISIBLE = 'tenant_id = ? AND (shared = 1 OR owner_id = ?)';

export class SqliteDashboardStore extends DashboardStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(d: Dashboard): Promise<void> {
    this.sqlite.db
      .prepare(`INSERT INTO dashboards (id, tenant_id, owner_id, owner_name, name, description, shared, time_range, refresh_seconds, widgets, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(d.id, d.tenantId, d.ownerId, d.ownerName, d.name, d.description, d.shared ? 1 : 0, JSON.stringify(d.timeRange), d.refreshSeconds,
        JSON.stringify(d.widgets), d.version, d.createdAt, d.updatedAt);
  }

  async list(tenantId: string, viewerId: string | null): Promise<Dashboard[]> {
    const rows = this.sqlite.db.prepare(`SELECT * FROM dashboards WHERE ${VISIBLE} ORDER BY updated_at DESC, id DESC`).all(tenantId, viewerId) as Row[];
    return rows.map(toDashboard);
  }

  async get(tenantId: string, viewerId: string | null, id: string): Promise<Dashboard | null> {
    const row = this.sqlite.db.prepare(`SELECT * FROM dashboards WHERE ${VISIBLE} AND id = ?`).get(tenantId, viewerId, id) as Row | undefined;
    return row ? toDashboard(row) : null;
  }

  async save(tenantId: string, d: Dashboard, expectedVersion: number): Promise<SaveResult> {
    const changed = this.sqlite.db
      .prepare(`UPDATE dashboards SET owner_id = ?, owner_name = ?, name = ?, description = ?, shared = ?, time_range = ?, refresh_seconds = ?,
                widgets = ?, version = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND version = ?`)
      .run(d.ownerId, d.ownerName, d.name, d.description, d.shared ? 1 : 0, JSON.stringify(d.timeRange), d.refreshSeconds, JSON.stringify(d.widgets),
        d.version, d.updatedAt, tenantId, d.id, expectedVersion).changes;
    if (changed > 0) return { saved: toDashboard(this.row(tenantId, d.id)!) };
    const current = this.row(tenantId, d.id);
    return current ? { conflict: current.version } : null;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM dashboards WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }

  async deleteTenant(tenantId: string): Promise<number> {
    return this.sqlite.db.prepare('DELETE FROM dashboards WHERE tenant_id = ?').run(tenantId).changes;
  }

  private row(tenantId: string, id: string): Row | undefined {
    return this.sqlite.db.prepare('SELECT * FROM dashboards WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
  }
}
