import { AlertRule, AlertRuleDefinition, definitionOf } from './alert-rule';
import { AlertRuleStore } from './alert-rule-store';

/** In-memory AlertRuleStore for unit tests; hands out copies so callers cannot mutate it. */
export class FakeAlertRuleStore extends AlertRuleStore {
  private readonly rules = new Map<string, AlertRule>();

  private owned(tenantId: string, id: string): AlertRule | undefined {
    const rule = this.rules.get(id);
    return rule && rule.tenantId === tenantId ? rule : undefined;
  }

  async create(rule: AlertRule): Promise<void> {
    if (this.rules.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    this.rules.set(rule.id, structuredClone(rule));
  }

  async get(tenantId: string, id: string): Promise<AlertRule | null> {
    const rule = this.owned(tenantId, id);
    return rule ? structuredClone(rule) : null;
  }

  async list(tenantId: string): Promise<AlertRule[]> {
    return [...this.rules.values()]
      .filter((r) => r.tenantId === tenantId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((r) => structuredClone(r));
  }

  async listEnabled(tenantId: string): Promise<AlertRule[]> {
    return (await this.list(tenantId)).filter((r) => r.enabled);
  }

  async replace(tenantId: string, id: string, definition: AlertRuleDefinition, updatedAt: number): Promise<AlertRule | null> {
    const rule = this.owned(tenantId, id);
    if (!rule) return null;
    const next: AlertRule = { ...rule, ...definitionOf(definition), updatedAt };
    this.rules.set(id, next);
    return structuredClone(next);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.owned(tenantId, id) !== undefined && this.rules.delete(id);
  }

  async recordFired(tenantId: string, id: string, at: number): Promise<void> {
    const rule = this.owned(tenantId, id);
    if (!rule) return;
    rule.timesFired++;
    rule.lastFiredAt = Math.max(rule.lastFiredAt ?? 0, at);
  }
}
