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
