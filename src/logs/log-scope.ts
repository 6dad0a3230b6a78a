import { LogRecord } from './log-record';
import { QueryNode } from './query/query-ast';

/**
 * Which records a read covers: always one tenant, a parsed query (match-all when the user
 * typed nothing) and an optional time range in epoch ms, both ends inclusive.
 */
export interface LogScope {
  tenantId: string;
  query: QueryNode;
  from?: number;
  to?: number;
}

export type SortOrder = 'asc' | 'desc';

/** The fields surrounding records can be asked to share with their record (LogReadStore.around). */
export const AROUND_FIELDS = ['service', 'server', 'file_id'] as const;
export type AroundField = (typeof AROUND_FIELDS)[number];
/** The default neighbourhood: the same service on the same server. */
export const DEFAULT_AROUND: AroundField[] = ['service', 'server'];

/** A record's value of a surrounding-records field (null when it has none). */
export function aroundValue(record: LogRecord, field: AroundField): string | null {
  return field === 'file_id' ? record.fileId : record[field];
}

/** The `[field, value]` pairs the neighbours of `record` must share, each field once. */
export function aroundValues(record: LogRecord, same: AroundField[]): [AroundField, string | null][] {
  return [...new Set(same)].map((field) => [field, aroundValue(record, field)]);
}

export interface Page {
  offset: number;
  limit: number;
  sort: SortOrder;
  /** A canonical field to sort by; `@timestamp` when absent. */
  sortField?: string;
}

export interface HistogramBucket {
  start: number;
  level?: string;
  count: number;
}

export interface TermBucket {
  value: string;
  count: number;
  avgResponseTimeMs?: number | null;
  p95ResponseTimeMs?: number | null;
}

export interface LogSummary {
  total: number;
  errors: number;
  avgResponseTimeMs: number | null;
  uniqueUsers: number;
  services: number;
  latestAt: number | null;
}

export interface FieldInfo {
  name: string;
  type: string;
  /** Matching records that have a value for the field. */
  count: number;
  /** Its most frequent values over the matching records, exact. */
  topValues: { value: string; count: number }[];
}
