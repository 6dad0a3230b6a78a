import { CANONICAL_FIELDS, isCanonicalField } from './log-record';

/**
 * One number computed over the records of a scope, as alert rules (and their previews) ask
 * for it. Every log read store computes it the same way (log-store.contract.ts):
 * - `count`: matching records;
 * - `error_rate`: percent of them at level ERROR or CRITICAL (null when there are none);
 * - `avg`, `p95` (continuous, interpolated), `max` of a numeric canonical field over the
 *   records that have it (null when none has);
 * - `unique_count`: distinct non-missing values of a keyword field.
 */
export const METRIC_KINDS = ['count', 'error_rate', 'avg', 'p95', 'max', 'unique_count'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export interface MetricRequest {
  kind: MetricKind;
  /** The field of avg, p95, max and unique_count. */
  field?: string;
  /** One point per value of this keyword field (records without it are left out). */
  groupBy?: string;
  /** One point per time bucket of this size (buckets without records are left out). */
  intervalMs?: number;
  /** At most this many groups (per bucket), the most frequent first; 100 when unset. */
  groupLimit?: number;
}

export interface MetricPoint {
  /** Bucket start with `intervalMs`, else null. */
  start: number | null;
  /** Group value with `groupBy`, else null. */
  group: string | null;
  count: number;
  value: number | null;
}

export const DEFAULT_GROUP_LIMIT = 100;

/** Fields avg, p95 and max can read: the numeric canonical fields. */
export function isNumericField(field: string): boolean {
  return isCanonicalField(field) && (CANONICAL_FIELDS[field].type === 'long' || CANONICAL_FIELDS[field].type === 'double');
}

/** Fields unique_count can count: the keyword canonical fields. */
export function isKeywordField(field: string): boolean {
  return isCanonicalField(field) && CANONICAL_FIELDS[field].type === 'keyword';
}

/**
 * What is wrong with the field of a metric (null: nothing): avg, p95 and max need a numeric
 * field, unique_count a keyword field, count and error_rate none. The callers name where.
 */
export function metricFieldProblem(kind: MetricKind, field: string | null): string | null {
  if (kind === 'avg' || kind === 'p95' || kind === 'max') {
    return field === null || !isNumericField(field) ? `${kind} needs a numeric field: response_time_ms, status_code or query_duration_ms` : null;
  }
  if (kind === 'unique_count') return field === null || !isKeywordField(field) ? 'unique_count needs a keyword field such as user_id or client_ip' : null;
  return field === null ? null : `${kind} takes no field`;
}

/** Fields a metric can be grouped by: keyword canonical fields and keys of `fields`. */
export function isGroupableField(field: string): boolean {
  return isCanonicalField(field) ? CANONICAL_FIELDS[field].type === 'keyword' && field !== 'id' : /^[\w.@-]{1,100}$/.test(field);
}

/** Orders points by bucket, then most frequent group first, then group value (binary order). */
export function byPointOrder(a: MetricPoint, b: MetricPoint): number {
  return (a.start ?? 0) - (b.start ?? 0) || b.count - a.count || ((a.group ?? '') < (b.group ?? '') ? -1 : (a.group ?? '') > (b.group ?? '') ? 1 : 0);
}
