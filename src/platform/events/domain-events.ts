/** Typed in-process events between modules. */
export interface LogsIngested {
  type: 'logs.ingested';
  tenantId: string;
  count: number;
}

export interface LogsDeleted {
  type: 'logs.deleted';
  tenantId: string;
  count: number;
}

/** A user ran a search (not a script with a token): feeds search history. */
export interface SearchPerformed {
  type: 'search.performed';
  tenantId: string;
  userId: string;
  /** The search as the user sent it (q and filters), for replay. */
  request: Record<string, unknown>;
  total: number;
  durationMs: number;
}

export type DomainEvent = LogsIngested | LogsDeleted | SearchPerformed;
