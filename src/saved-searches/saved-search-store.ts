import { SavedSearch, SavedSearchChanges } from './saved-search';

/**
 * Saved searches, each owned by one user of one tenant. Every read and write names the
 * owner: another user's (or tenant's) search is absent, exactly like an unknown id.
 */
export abstract class SavedSearchStore {
  abstract create(search: SavedSearch): Promise<void>;
  /** The owner's searches, newest first. */
  abstract list(tenantId: string, userId: string, limit: number): Promise<SavedSearch[]>;
  abstract get(tenantId: string, userId: string, id: string): Promise<SavedSearch | null>;
  abstract update(tenantId: string, userId: string, id: string, changes: SavedSearchChanges): Promise<SavedSearch | null>;
  /** Counts one more use at `at`; returns the search as it now is. */
  abstract markUsed(tenantId: string, userId: string, id: string, at: number): Promise<SavedSearch | null>;
  abstract delete(tenantId: string, userId: string, id: string): Promise<boolean>;
}
