import { PopularQuery, SearchHistoryEntry } from './search-history';

/**
 * The searches users ran. History is per user within a tenant; popularity is per tenant.
 * A user's history is bounded: adding an entry drops that user's oldest beyond the bound.
 */
export abstract class SearchHistoryStore {
  abstract add(entry: SearchHistoryEntry, keepPerUser: number): Promise<void>;
  /** The user's searches, newest first. */
  abstract list(tenantId: string, userId: string, limit: number): Promise<SearchHistoryEntry[]>;
  /** The tenant's non-empty queries run at or after `since`, most frequent first, then most recent. */
  abstract popular(tenantId: string, since: number, limit: number): Promise<PopularQuery[]>;
  /** Forgets the user's history; returns how many entries went. */
  abstract clear(tenantId: string, userId: string): Promise<number>;
}
