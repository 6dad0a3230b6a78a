import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { Silence } from './silence';
import { SilenceStore } from './silence-store';

@Injectable()
export class SqliteSilenceStore extends SilenceStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(s: Silence): Promise<void> {
    this.sqlite.db
      .prepare('INSERT INTO alert_silences (id, tenant_id, starts_at, ends_at, data) VALUES (?, ?, ?, ?, ?)')
      .run(s.id, s.tenantId, s.startsAt, s.endsAt, JSON.stringify(s));
  }

  async get(tenantId: string, id: string): Promise<Silence | null> {
    const row = this.sqlite.db.prepare('SELECT data FROM alert_silences WHERE tenant_id = ? AND id = ?').get(tenantId, id) as { data: string } | undefined;
    return row ? JSON.parse(row.data) : null;
  }

  async list(tenantId: string, activeAt?: number): Promise<Silence[]> {
    const rows = (activeAt === undefined
      ? this.sqlite.db.prepare('SELECT data FROM alert_silences WHERE tenant_id = ? ORDER BY starts_at DESC, id DESC').all(tenantId)
      : this.sqlite.db.prepare('SELECT data FROM alert_silences WHERE tenant_id = ? AND ends_at > ? ORDER BY starts_at DESC, id DESC').all(tenantId, activeAt)) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM alert_silences WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }
}
