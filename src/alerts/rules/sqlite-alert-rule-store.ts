import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { AlertRule, AlertRuleDefinition, definitionOf } from './alert-rule';
import { AlertRuleStore } from './alert-rule-store';

interface Row {
  id: string; tenant_id: string; owner_id: string | null; owner_name: string; definition: string;
  created_at: number; updated_at: number; times_fired: number; last_fired_at: number | null;
}

const toRule = (r: Row): AlertRule => ({
  ...(JSON.parse(r.definition) as AlertRuleDefinition),
  id: r.id, tenantId: r.tenant_id, ownerId: r.owner_id, ownerName: r.owner_name, createdAt: r.created_at,
  updatedAt: r.updated_at, timesFired: r.times_fired, lastFiredAt: r.last_fired_at,
});

@Injectable()
export class SqliteAlertRuleStore extends AlertRuleStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(rule: AlertRule): Promise<void> {
    this.sqlite.db
      .prepare(`INSERT INTO alert_rules (id, tenant_id, owner_id, owner_name, definition, enabled, created_at, updated_at, times_fired, last_fired_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(rule.id, rule.tenantId, rule.ownerId, rule.ownerName, JSON.stringify(definitionOf(rule)), rule.enabled ? 1 : 0, rule.createdAt, rule.updatedAt, rule.timesFired, rule.lastFiredAt);
  }

  async get(tenantId: string, id: string): Promise<AlertRule | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM alert_rules WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
    return row ? toRule(row) : null;
  }

  async list(tenantId: string): Promise<AlertRule[]> {
    const rows = this.sqlite.db.prepare('SELECT * FROM alert_rules WHERE tenant_id = ? ORDER BY created_at, id').all(tenantId) as Row[];
    return rows.map(toRule);
  }

  async listEnabled(tenantId: string): Promise<AlertRule[]> {
    const rows = this.sqlite.db.prepare('SELECT * FROM alert_rules WHERE tenant_id = ? AND enabled = 1 ORDER BY created_at, id').all(tenantId) as Row[];
    return rows.map(toRule);
  }

  async replace(tenantId: string, id: string, definition: AlertRuleDefinition, updatedAt: number): Promise<AlertRule | null> {
    this.sqlite.db
      .prepare('UPDATE alert_rules SET definition = ?, enabled = ?, updated_at = ? WHERE tenant_id = ? AND id = ?')
      .run(JSON.stringify(definitionOf(definition)), definition.enabled ? 1 : 0, updatedAt, tenantId, id);
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM alert_rules WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }

  async recordFired(tenantId: string, id: string, at: number): Promise<void> {
    this.sqlite.db
      .prepare('UPDATE alert_rules SET times_fired = times_fired + 1, last_fired_at = max(coalesce(last_fired_at, 0), ?) WHERE tenant_id = ? AND id = ?')
      .run(at, tenantId, id);
  }
}
