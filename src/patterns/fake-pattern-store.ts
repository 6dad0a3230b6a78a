import { PatternChange, PatternDraft, PatternStore, PatternTemplate } from './pattern-store';

/** PatternStore in a map, for unit tests (pattern-store.contract.ts is the judge). */
export class FakePatternStore extends PatternStore {
  private readonly rows = new Map<string, PatternTemplate>();
  private readonly revisions = new Map<string, number>();

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
          ? { ...old, count: old.count + c.count, firstSeen: Math.min(old.firstSeen, c.firstSeen), lastSeen: Math.max(old.lastSeen, c.lastSeen) }
          : { ...c, tenantId, revision: 0 },
      );
    }
  }

  async publish(tenantId: string, service: string | null, expected: number, drafts: readonly PatternDraft[]): Promise<boolean> {
    const at = this.serviceKey(tenantId, service);
    if ((this.revisions.get(at) ?? 0) !== expected) return false;
    const revision = expected + 1;
    this.revisions.set(at, revision);
    for (const d of drafts) {
      const key = `${tenantId}\u0000${d.id}`;
      const old = this.rows.get(key);
      this.rows.set(key, old ? { ...old, template: d.template, revision } : { ...d, tenantId, service, count: 0, revision });
    }
    return true;
  }

  async published(tenantId: string, service: string | null, after: number): Promise<{ revision: number; templates: PatternTemplate[] }> {
    const templates = [...this.rows.values()].filter((p) => p.tenantId === tenantId && p.service === service && p.revision > after);
    return { revision: this.revisions.get(this.serviceKey(tenantId, service)) ?? 0, templates: templates.map((p) => ({ ...p })) };
  }

  private serviceKey(tenantId: string, service: string | null): string {
    return `${tenantId}\u0000${service === null ? '' : `s:${service}`}`;
  }
}
