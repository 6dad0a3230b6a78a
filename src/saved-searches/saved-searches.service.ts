import { Injectable, NotFoundException } from '@nestjs/common';
import { newId } from '../platform/ids';
import { SavedSearch, SavedSearchChanges } from './saved-search';
import { NewSavedSearch } from './saved-search-input';
import { SavedSearchStore } from './saved-search-store';
import { SearchOwner } from './search-owner';

const notFound = (id: string) => new NotFoundException({ success: false, error: 'not_found', message: `No saved search ${id}` });

/** A user's saved searches. Another user's search is reported as not found, never as forbidden. */
@Injectable()
export class SavedSearchesService {
  constructor(private readonly store: SavedSearchStore) {}

  async create(owner: SearchOwner, input: NewSavedSearch, now = Date.now()): Promise<SavedSearch> {
    const search: SavedSearch = { id: newId(now), ...owner, ...input, createdAt: now, lastUsed: null, useCount: 0 };
    await this.store.create(search);
    return search;
  }

  list(owner: SearchOwner, limit: number): Promise<SavedSearch[]> {
    return this.store.list(owner.tenantId, owner.userId, limit);
  }

  async update(owner: SearchOwner, id: string, changes: SavedSearchChanges): Promise<SavedSearch> {
    const search = await this.store.update(owner.tenantId, owner.userId, id, changes);
    if (!search) throw notFound(id);
    return search;
  }

  /** The page applies a saved search through this, so use counts reflect what people run. */
  async use(owner: SearchOwner, id: string, now = Date.now()): Promise<SavedSearch> {
    const search = await this.store.markUsed(owner.tenantId, owner.userId, id, now);
    if (!search) throw notFound(id);
    return search;
  }

  async delete(owner: SearchOwner, id: string): Promise<void> {
    if (!(await this.store.delete(owner.tenantId, owner.userId, id))) throw notFound(id);
  }
}
