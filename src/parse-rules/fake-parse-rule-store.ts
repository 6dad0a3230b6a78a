import { SavedParseRule, SavedParseRuleChanges } from './parse-rule-record';
import { DuplicateRuleNameError, ParseRuleStore } from './parse-rule-store';

/** In-memory ParseRuleStore for unit tests; hands out copies so callers cannot mutate it. */
export class FakeParseRuleStore extends ParseRuleStore {
  private readonly rules = new Map<string, SavedParseRule>();

  private owned(tenantId: string, id: string): SavedParseRule | undefined {
    const r = this.rules.get(id);
    return r && r.tenantId === tenantId ? r : undefined;
  }

  private nameTaken(tenantId: string, name: string, except: string | null): boolean {
    return [...this.rules.values()].some((r) => r.tenantId === tenantId && r.name === name && r.id !== except);
  }

  async create(rule: SavedParseRule): Promise<void> {
    if (this.rules.has(rule.id)) throw new Error(`duplicate parsing rule id ${rule.id}`);
    if (this.nameTaken(rule.tenantId, rule.name, null)) throw new DuplicateRuleNameError(rule.name);
    this.rules.set(rule.id, structuredClone(rule));
  }

  async list(tenantId: string): Promise<SavedParseRule[]> {
    return [...this.rules.values()].filter((r) => r.tenantId === tenantId).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => structuredClone(r));
  }

  async get(tenantId: string, id: string): Promise<SavedParseRule | null> {
    const r = this.owned(tenantId, id);
    return r ? structuredClone(r) : null;
  }

  async findByName(tenantId: string, name: string): Promise<SavedParseRule | null> {
    const r = [...this.rules.values()].find((x) => x.tenantId === tenantId && x.name === name);
    return r ? structuredClone(r) : null;
  }

  async findByService(tenantId: string, service: string): Promise<SavedParseRule | null> {
    const r = [...this.rules.values()].filter((x) => x.tenantId === tenantId && x.service === service).sort((a, b) => b.updatedAt - a.updatedAt)[0];
    return r ? structuredClone(r) : null;
  }

  async update(tenantId: string, id: string, changes: SavedParseRuleChanges): Promise<SavedParseRule | null> {
    const r = this.owned(tenantId, id);
    if (!r) return null;
    if (changes.name !== undefined && this.nameTaken(tenantId, changes.name, id)) throw new DuplicateRuleNameError(changes.name);
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) (r as unknown as Record<string, unknown>)[key] = structuredClone(value);
    return structuredClone(r);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.owned(tenantId, id) ? this.rules.delete(id) : false;
  }
}
