import { SavedSearch, SavedSearchChanges } from './saved-search';
import { SavedSearchStore } from './saved-search-store';

/** In-memory SavedSearchStore for unit tests; hands out copies so callers cannot mutate it. */
export class FakeSavedSearchStore extends SavedSearchStore {
  private readonly searches = new Map<string, SavedSearch>();

  private owned(tenantId: string, userId: string, id: string): SavedSearch | undefined {
    const s = this.searches.get(id);
    return s && s.tenantId === tenantId && s.userId === userId ? s : undefined;
  }

  private copy(s: SavedSearch | undefined): SavedSearch | null {
    return s ? { ...s, filters: structuredClone(s.filters) } : null;
  }

  async create(search: SavedSearch): Promise<void> {
    if (this.searches.has(search.id)) throw new Error(`duplicate saved search id ${search.id}`);
    this.searches.set(search.id, this.copy(search)!);
  }

  async list(tenantId: string, userId: string, limit: number): Promise<SavedSearch[]> {
    return [...this.searches.values()]
      .filter((s) => s.tenantId === tenantId && s.userId === userId)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map((s) => this.copy(s)!);
  }

  async get(tenantId: string, userId: string, id: string): Promise<SavedSearch | null> {
    return this.copy(this.owned(tenantId, userId, id));
  }

  async update(tenantId: string, userId: string, id: string, changes: SavedSearchChanges): Promise<SavedSearch | null> {
    const s = this.owned(tenantId, userId, id);
    if (s && changes.name !== undefined) s.name = changes.name;
    if (s && changes.description !== undefined) s.description = changes.description;
    return this.copy(s);
  }

  async markUsed(tenantId: string, userId: string, id: string, at: number): Promise<SavedSearch | null> {
    const s = this.owned(tenantId, userId, id);
    if (s) {
      s.useCount++;
      s.lastUsed = at;
    }
    return this.copy(s);
  }

  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return this.owned(tenantId, userId, id) ? this.searches.delete(id) : false;
  }
}
