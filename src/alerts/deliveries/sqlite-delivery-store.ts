import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { Delivery } from './delivery';
import { DeliveryStore } from './delivery-store';

@Injectable()
export class SqliteDeliveryStore extends DeliveryStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async record(d: Delivery): Promise<void> {
    this.sqlite.db
      .prepare('INSERT INTO alert_deliveries (id, tenant_id, alert_id, at, data) VALUES (?, ?, ?, ?, ?)')
      .run(d.id, d.tenantId, d.alertId, d.at, JSON.stringify(d));
  }

  async forAlert(tenantId: string, alertId: string): Promise<Delivery[]> {
    const rows = this.sqlite.db.prepare('SELECT data FROM alert_deliveries WHERE tenant_id = ? AND alert_id = ? ORDER BY at, id').all(tenantId, alertId) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data));
  }

  async forChannel(tenantId: string, channelId: string, limit: number): Promise<Delivery[]> {
    const rows = this.sqlite.db
      .prepare("SELECT data FROM alert_deliveries WHERE tenant_id = ? AND json_extract(data, '$.channelId') = ? ORDER BY at DESC, id DESC LIMIT ?")
      .all(tenantId, channelId, limit) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data));
  }
}
