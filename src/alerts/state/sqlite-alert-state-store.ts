import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { AlertEvent, AlertFilter, AlertGroupState, StateCommit, TriggeredAlert } from './alert-state';
import { AlertStateStore } from './alert-state-store';

type StateRow = { data: string; version: number };

const toState = (r: StateRow): AlertGroupState => ({ ...JSON.parse(r.data), version: r.version });

function alertWhere(tenantId: string, filter: AlertFilter): { sql: string; params: unknown[] } {
  const parts = ['tenant_id = ?'];
  const params: unknown[] = [tenantId];
  if (filter.ruleId !== undefined) {
    parts.push('rule_id = ?');
    params.push(filter.ruleId);
  }
  if (filter.severity !== undefined) {
    parts.push('severity = ?');
    params.push(filter.severity);
  }
  if (filter.state === 'acknowledged') parts.push("state = 'firing' AND json_extract(data, '$.acknowledgedAt') IS NOT NULL");
  else if (filter.state !== undefined) {
    parts.push('state = ?');
    params.push(filter.state);
  }
  return { sql: parts.join(' AND '), params };
}

@Injectable()
export class SqliteAlertStateStore extends AlertStateStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async groupStates(tenantId: string, ruleId: string): Promise<AlertGroupState[]> {
    const rows = this.sqlite.db.prepare('SELECT data, version FROM alert_states WHERE tenant_id = ? AND rule_id = ? ORDER BY group_key').all(tenantId, ruleId) as StateRow[];
    return rows.map(toState);
  }

  async groupState(tenantId: string, ruleId: string, groupKey: string): Promise<AlertGroupState | null> {
    const row = this.sqlite.db
      .prepare('SELECT data, version FROM alert_states WHERE tenant_id = ? AND rule_id = ? AND group_key = ?')
      .get(tenantId, ruleId, groupKey) as StateRow | undefined;
    return row ? toState(row) : null;
  }

  async commit(tenantId: string, c: StateCommit): Promise<boolean> {
    const db = this.sqlite.db;
    const state = JSON.stringify({ ...c.state, tenantId });
    return db.transaction(() => {
      const written = c.expectedVersion === null
        ? db.prepare('INSERT OR IGNORE INTO alert_states (tenant_id, rule_id, group_key, data, version) VALUES (?, ?, ?, ?, 1)')
            .run(tenantId, c.state.ruleId, c.state.groupKey, state).changes
        : db.prepare('UPDATE alert_states SET data = ?, version = version + 1 WHERE tenant_id = ? AND rule_id = ? AND group_key = ? AND version = ?')
            .run(state, tenantId, c.state.ruleId, c.state.groupKey, c.expectedVersion).changes;
      if (written === 0) return false;
      if (c.alert) {
        const a = { ...c.alert, tenantId };
        db.prepare(`INSERT INTO alerts (id, tenant_id, rule_id, state, severity, started_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET state = excluded.state, severity = excluded.severity, data = excluded.data
                    WHERE alerts.tenant_id = excluded.tenant_id`)
          .run(a.id, tenantId, a.ruleId, a.state, a.severity, a.startedAt, JSON.stringify(a));
      }
      if (c.deleteAlertId) db.prepare('DELETE FROM alerts WHERE tenant_id = ? AND id = ?').run(tenantId, c.deleteAlertId);
      if (c.event) {
        const e = { ...c.event, tenantId };
        db.prepare('INSERT INTO alert_events (id, tenant_id, rule_id, alert_id, at, data) VALUES (?, ?, ?, ?, ?, ?)')
          .run(e.id, tenantId, e.ruleId, e.alertId, e.at, JSON.stringify(e));
      }
      return true;
    })();
  }

  async alerts(tenantId: string, filter: AlertFilter, offset: number, limit: number): Promise<{ total: number; alerts: TriggeredAlert[] }> {
    const where = alertWhere(tenantId, filter);
    const total = (this.sqlite.db.prepare(`SELECT count(*) AS n FROM alerts WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    const rows = this.sqlite.db
      .prepare(`SELECT data FROM alerts WHERE ${where.sql} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...where.params, limit, offset) as { data: string }[];
    return { total, alerts: rows.map((r) => JSON.parse(r.data)) };
  }

  async alert(tenantId: string, id: string): Promise<TriggeredAlert | null> {
    const row = this.sqlite.db.prepare('SELECT data FROM alerts WHERE tenant_id = ? AND id = ?').get(tenantId, id) as { data: string } | undefined;
    return row ? JSON.parse(row.data) : null;
  }

  async events(tenantId: string, filter: { ruleId?: string; alertId?: string }, limit: number): Promise<AlertEvent[]> {
    const parts = ['tenant_id = ?'];
    const params: unknown[] = [tenantId];
    if (filter.ruleId !== undefined) {
      parts.push('rule_id = ?');
      params.push(filter.ruleId);
    }
    if (filter.alertId !== undefined) {
      parts.push('alert_id = ?');
      params.push(filter.alertId);
    }
    const rows = this.sqlite.db
      .prepare(`SELECT data FROM alert_events WHERE ${parts.join(' AND ')} ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...params, limit) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data));
  }

  async deleteRuleStates(tenantId: string, ruleId: string): Promise<void> {
    this.sqlite.db.prepare('DELETE FROM alert_states WHERE tenant_id = ? AND rule_id = ?').run(tenantId, ruleId);
  }
}
