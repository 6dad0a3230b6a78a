import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { DeliveryOutbox } from './delivery-outbox';
import { OutboxEntry, OutboxSettlement } from './outbox-entry';

interface Row {
  data: string;
  status: OutboxEntry['status'];
  rounds: number;
  next_attempt_at: number;
  last_error: string | null;
}

// The entry's fixed part is JSON; what a send round changes are columns.
const toEntry = (r: Row): OutboxEntry => ({ ...JSON.parse(r.data), status: r.status, rounds: r.rounds, nextAttemptAt: r.next_attempt_at, lastError: r.last_error });
const CLAIMABLE = "status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)";
const COLUMNS = 'data, status, rounds, next_attempt_at, last_error';

@Injectable()
export class SqliteDeliveryOutbox extends DeliveryOutbox {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async add(tenantId: string, entries: OutboxEntry[]): Promise<string[]> {
    const db = this.sqlite.db;
    const insert = db.prepare(`INSERT OR IGNORE INTO alert_outbox (id, tenant_id, alert_id, status, rounds, next_attempt_at, last_error, created_at, data)
                               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    return db.transaction(() => entries.filter((e) => {
      const { status, rounds, nextAttemptAt, lastError, ...fixed } = { ...e, tenantId };
      return insert.run(e.id, tenantId, e.alertId, status, rounds, nextAttemptAt, lastError, e.createdAt, JSON.stringify(fixed)).changes > 0;
    }).map((e) => e.id))();
  }

  async due(tenantId: string, now: number, limit: number): Promise<OutboxEntry[]> {
    const rows = this.sqlite.db
      .prepare(`SELECT ${COLUMNS} FROM alert_outbox WHERE tenant_id = @tenantId AND ${CLAIMABLE} ORDER BY created_at, id LIMIT @limit`)
      .all({ tenantId, now, limit }) as Row[];
    return rows.map(toEntry);
  }

  async claim(tenantId: string, id: string, now: number, leaseUntil: number, token: string): Promise<OutboxEntry | null> {
    const row = this.sqlite.db
      .prepare(`UPDATE alert_outbox SET lease_until = @leaseUntil, lease_token = @token WHERE tenant_id = @tenantId AND id = @id AND ${CLAIMABLE} RETURNING ${COLUMNS}`)
      .get({ tenantId, id, now, leaseUntil, token }) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  async settle(tenantId: string, id: string, token: string, s: OutboxSettlement): Promise<boolean> {
    return this.sqlite.db
      .prepare(`UPDATE alert_outbox SET status = ?, rounds = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL, lease_token = NULL
                WHERE tenant_id = ? AND id = ? AND lease_token = ?`)
      .run(s.status, s.rounds, s.nextAttemptAt, s.lastError, tenantId, id, token).changes > 0;
  }

  async forAlert(tenantId: string, alertId: string): Promise<OutboxEntry[]> {
    const rows = this.sqlite.db
      .prepare(`SELECT ${COLUMNS} FROM alert_outbox WHERE tenant_id = ? AND alert_id = ? ORDER BY created_at, id`)
      .all(tenantId, alertId) as Row[];
    return rows.map(toEntry);
  }
}
