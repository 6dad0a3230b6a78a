/** One search a user ran: its text, the other filters it had, and what it found. */
export interface SearchHistoryEntry {
  id: string;
  tenantId: string;
  userId: string;
  /** The `q` text, '' when the search had none. */
  query: string;
  filters: Record<string, unknown>;
  total: number;
  durationMs: number;
  searchedAt: number;
}

/** A query text and how often a tenant ran it. */
export interface PopularQuery {
  query: string;
  count: number;
  lastSearched: number;
}
