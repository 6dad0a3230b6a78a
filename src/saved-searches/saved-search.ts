/** A search a user kept under a name, to run again: its filters as the search API takes them. */
export interface SavedSearch {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  description: string | null;
  filters: Record<string, unknown>;
  createdAt: number;
  lastUsed: number | null;
  useCount: number;
}

export interface SavedSearchChanges {
  name?: string;
  description?: string | null;
}
