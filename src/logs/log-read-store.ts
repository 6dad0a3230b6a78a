import { LogRecord } from './log-record';
import { MetricBucket } from './metric-bucket';
import { MetricPoint, MetricRequest } from './log-metric';
import { AroundField, FieldInfo, HistogramBucket, LogScope, LogSummary, Page, TermBucket } from './log-scope';

/**
 * The read side of log storage. Every method is confined to one tenant: a record of
 * another tenant is never counted, returned or suggested.
 */
export abstract class LogReadStore {
  abstract search(scope: LogScope, page: Page): Promise<{ total: number; records: LogRecord[] }>;
  abstract get(tenantId: string, id: string): Promise<LogRecord | null>;
  /**
   * Neighbours in time of one record (by timestamp, then id): the records that share its value
   * of every field in `same` (a missing value matching a missing one); `[]` is every record.
   */
  abstract around(tenantId: string, id: string, before: number, after: number, same?: AroundField[]): Promise<{ record: LogRecord; before: LogRecord[]; after: LogRecord[] } | null>;
  abstract count(scope: LogScope): Promise<number>;
  abstract histogram(scope: LogScope, intervalMs: number, splitByLevel: boolean): Promise<HistogramBucket[]>;
  /** Most frequent values of a field; `orderBy: 'avg_response'` ranks by mean response time. */
  abstract topTerms(scope: LogScope, field: string, limit: number, orderBy?: 'count' | 'avg_response'): Promise<TermBucket[]>;
  abstract summary(scope: LogScope): Promise<LogSummary>;
  /**
   * Volume, errors, p95 response time and distinct users per interval (epoch-aligned buckets,
   * empty ones left out), split by service when asked: the series the anomaly detector reads.
   */
  abstract metricSeries(scope: LogScope, intervalMs: number, byService: boolean): Promise<MetricBucket[]>;
  /** An alert rule's number over a scope, optionally per group and per time bucket (log-metric.ts). */
  abstract metric(scope: LogScope, request: MetricRequest): Promise<MetricPoint[]>;
  /** Distinct values of a field that start with `prefix` (contain it, for `message`), most frequent first. */
  abstract suggest(tenantId: string, field: string, prefix: string, limit: number): Promise<string[]>;
  /**
   * Every canonical field, then the extra keys of the matching records, each with its count and
   * exact top values over the matching records (field-catalog.ts).
   */
  abstract fields(scope: LogScope, topValues: number): Promise<FieldInfo[]>;
  /** Every matching record, in order, in batches: for exports of any size. */
  abstract stream(scope: LogScope, sort: Page['sort'], batchSize: number): AsyncIterable<LogRecord[]>;
  abstract healthy(): Promise<boolean>;
}
