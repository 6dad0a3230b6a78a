import { LiveMatches } from '../../live/live-matches';
import { LogRecord } from '../../logs/log-record';

/** Typed in-process events between modules. */
export interface LogsIngested {
  type: 'logs.ingested';
  tenantId: string;
  count: number;
  /**
   * The earliest `@timestamp` among the records; absent when unknown. Cached answers about
   * ranges that end before it stay valid (docs/decisions/0016).
   */
  oldestTimestamp?: number;
}

/**
 * Records of one tenant that a commit made durable, in commit order, at most COMMITTED_SLICE
 * of them per event. Published by LogWriter after the ingest callers got their answer, and
 * only for tenants some handler declared interest in (EventBus.on's `tenants`). `records()`
 * parses the spooled lines into the shape the read store's search returns (LogRecord; the
 * API maps it with toApiRecord) on its first call only, so a handler that can do with
 * `matches` (what the live filters matched, worked out when the records were prepared)
 * costs no parse. Feeds the live tailer and the cross-process fan-out (docs/decisions/0151).
 */
export interface LogsCommitted {
  type: 'logs.committed';
  tenantId: string;
  count: number;
  /** Null when the records were prepared without the tenant's live selectors. */
  matches: LiveMatches | null;
  /** Valid while the event is being handled (the spool file goes once it is). */
  records: () => LogRecord[];
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

export type DomainEvent = LogsIngested | LogsCommitted | LogsDeleted | SearchPerformed;
