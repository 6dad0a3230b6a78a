import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { AlertChannel } from './alert-channel';
import { AlertChannelStore } from './alert-channel-store';

interface Row { id: string; tenant_id: string; owner_id: string | null; name: string; type: string; config: string; created_at: number; updated_at: number }

const toChannel = (r: Row): AlertChannel => ({
  id: r.id, tenantId: r.tenant_id, ownerId: r.owner_id, name: r.name, type: r.type as AlertChannel['type'],
  config: JSON.parse(r.config), createdAt: r.created_at, updatedAt: r.updated_at,
});

@Injectable()
export class SqliteAlertChannelStore extends AlertChannelStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(c: AlertChannel): Promise<void> {
    this.sqlite.db
      .prepare('INSERT INTO alert_channels (id, tenant_id, owner_id, name, type, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.tenantId, c.ownerId, c.name, c.type, JSON.stringify(c.config), c.createdAt, c.updatedAt);
  }

  async get(tenantId: string, id: string): Promise<AlertChannel | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM alert_channels WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
    return row ? toChannel(row) : null;
  }

  async list(tenantId: string): Promise<AlertChannel[]> {
    return (this.sqlite.db.prepare('SELECT * FROM alert_channels WHERE tenant_id = ? ORDER BY name, id').all(tenantId) as Row[]).map(toChannel);
  }

  async update(tenantId: string, id: string, ch: Pick<AlertChannel, 'name' | 'type' | 'config' | 'updatedAt'>): Promise<AlertChannel | null> {
    this.sqlite.db
      .prepare('UPDATE alert_channels SET name = ?, type = ?, config = ?, updated_at = ? WHERE tenant_id = ? AND id = ?')
      .run(ch.name, ch.type, JSON.stringify(ch.config), ch.updatedAt, tenantId, id);
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM alert_channels WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }
}
