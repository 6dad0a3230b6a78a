/**
 * The health of one time bucket (of one service, when split by service): what the anomaly
 * detector watches. `errors` counts ERROR and CRITICAL records; `p95ResponseTimeMs` is the
 * 95th percentile of `response_time_ms` where present (null when no record has one);
 * `users` counts distinct `user_id`s.
 */
export interface MetricBucket {
  start: number;
  /** Present when the series was split by service; null for records without one. */
  service?: string | null;
  count: number;
  errors: number;
  p95ResponseTimeMs: number | null;
  users: number;
}

/** The order every store returns: by start, then by service (records without one first). */
export function sortMetricBuckets(buckets: MetricBucket[]): MetricBucket[] {
  const service = (b: MetricBucket) => b.service ?? '';
  return buckets.sort((a, b) => a.start - b.start || (service(a) < service(b) ? -1 : service(a) > service(b) ? 1 : 0) || (a.service === null ? -1 : 1));
}
