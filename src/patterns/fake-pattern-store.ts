import { PatternChange, PatternStore, PatternTemplate } from './pattern-store';

/** PatternStore in a map, for unit tests (pattern-store.contract.ts is the judge). */
export class FakePatternStore extends PatternStore {
  private readonly rows = new Map<string, PatternTemplate>();

  async list(tenantId: string): Promise<PatternTemplate[]> {
    return [...this.rows.values()].filter((p) => p.tenantId === tenantId).map((p) => ({ ...p }));
  }

  async get(tenantId: string, ids: readonly string[]): Promise<PatternTemplate[]> {
    return ids.flatMap((id) => {
      const p = this.rows.get(`${tenantId}\u0000${id}`);
      return p ? [{ ...p }] : [];
    });
  }

  async save(tenantId: string, changes: readonly PatternChange[]): Promise<void> {
    for (const c of changes) {
      const key = `${tenantId}\u0000${c.id}`;
      const old = this.rows.get(key);
      this.rows.set(
        key,
        old
          ? { ...old, template: c.template, count: old.count + c.count, firstSeen: Math.min(old.firstSeen, c.firstSeen), lastSeen: Math.max(old.lastSeen, c.lastSeen) }
          : { ...c, tenantId },
      );
    }
  }
}
