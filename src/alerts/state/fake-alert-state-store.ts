import { AlertEvent, AlertFilter, AlertGroupState, StateCommit, TriggeredAlert } from './alert-state';
import { AlertStateStore } from './alert-state-store';

const key = (tenantId: string, ruleId: string, groupKey: string) => JSON.stringify([tenantId, ruleId, groupKey]);
const newestFirst = <T extends { id: string }>(at: (x: T) => number) => (a: T, b: T) => at(b) - at(a) || (a.id < b.id ? 1 : -1);

/** In-memory AlertStateStore for unit tests, with the same compare-and-set as SQLite. */
export class FakeAlertStateStore extends AlertStateStore {
  private readonly states = new Map<string, AlertGroupState>();
  private readonly alertsById = new Map<string, TriggeredAlert>();
  private readonly history: AlertEvent[] = [];

  async groupStates(tenantId: string, ruleId: string): Promise<AlertGroupState[]> {
    return [...this.states.values()]
      .filter((s) => s.tenantId === tenantId && s.ruleId === ruleId)
      .sort((a, b) => (a.groupKey < b.groupKey ? -1 : 1))
      .map((s) => structuredClone(s));
  }

  async groupState(tenantId: string, ruleId: string, groupKey: string): Promise<AlertGroupState | null> {
    const s = this.states.get(key(tenantId, ruleId, groupKey));
    return s ? structuredClone(s) : null;
  }

  async commit(tenantId: string, c: StateCommit): Promise<boolean> {
    const k = key(tenantId, c.state.ruleId, c.state.groupKey);
    const current = this.states.get(k);
    if (c.expectedVersion === null ? current !== undefined : current?.version !== c.expectedVersion) return false;
    this.states.set(k, { ...structuredClone(c.state), tenantId, version: (current?.version ?? 0) + 1 });
    if (c.alert) {
      const existing = this.alertsById.get(c.alert.id);
      if (!existing || existing.tenantId === tenantId) this.alertsById.set(c.alert.id, { ...structuredClone(c.alert), tenantId });
    }
    if (c.deleteAlertId && this.alertsById.get(c.deleteAlertId)?.tenantId === tenantId) this.alertsById.delete(c.deleteAlertId);
    if (c.event) this.history.push({ ...structuredClone(c.event), tenantId });
    return true;
  }

  async alerts(tenantId: string, filter: AlertFilter, offset: number, limit: number): Promise<{ total: number; alerts: TriggeredAlert[] }> {
    const matching = [...this.alertsById.values()]
      .filter((a) => a.tenantId === tenantId)
      .filter((a) => filter.ruleId === undefined || a.ruleId === filter.ruleId)
      .filter((a) => filter.severity === undefined || a.severity === filter.severity)
      .filter((a) => filter.state === undefined || (filter.state === 'acknowledged' ? a.state === 'firing' && a.acknowledgedAt !== null : a.state === filter.state))
      .sort(newestFirst((a) => a.startedAt));
    return { total: matching.length, alerts: matching.slice(offset, offset + limit).map((a) => structuredClone(a)) };
  }

  async alert(tenantId: string, id: string): Promise<TriggeredAlert | null> {
    const a = this.alertsById.get(id);
    return a && a.tenantId === tenantId ? structuredClone(a) : null;
  }

  async events(tenantId: string, filter: { ruleId?: string; alertId?: string }, limit: number): Promise<AlertEvent[]> {
    return this.history
      .filter((e) => e.tenantId === tenantId && (filter.ruleId === undefined || e.ruleId === filter.ruleId) && (filter.alertId === undefined || e.alertId === filter.alertId))
      .sort(newestFirst((e) => e.at))
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async deleteRuleStates(tenantId: string, ruleId: string): Promise<void> {
    for (const [k, s] of this.states) if (s.tenantId === tenantId && s.ruleId === ruleId) this.states.delete(k);
  }
}
