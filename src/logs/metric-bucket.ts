/**
 * The health of one time bucket (of one service, when split by service): what the anomaly
 * detector watches. `errors` counts ERROR and CRITICAL records; `p95ResponseTimeMs` and
 * `medianResponseTimeMs` are the 95th and 50th percentiles (continuous, interpolated) of
 * `response_time_ms` over the `timed` records that have one (null when none has);
 * `users` counts distinct `user_id`s.
 */
export interface MetricBucket {
  start: number;
  /** Present when the series was split by service; null for records without one. */
  service?: string | null;
  count: number;
  errors: number;
  p95ResponseTimeMs: number | null;
  medianResponseTimeMs: number | null;
  /** Records with a `response_time_ms`: the sample of the two percentiles. */
  timed: number;
  users: number;
}

/** The order every store returns: by start, then by service (records without one first). */
export function sortMetricBuckets(buckets: MetricBucket[]): MetricBucket[] {
  const service = (b: MetricBucket) => b.service ?? '';
  return buckets.sort((a, b) => a.start - b.start || (service(a) < service(b) ? -1 : service(a) > service(b) ? 1 : 0) || (a.service === null ? -1 : 1));
}
