import { MetricBucket } from '../logs/metric-bucket';
import { MetricName } from './anomaly';
import type { CoarseLatency } from './coarse-latency';

export const MINUTE = 60_000;
/**
 * Fewer records than this in a minute give it no error rate or p95: one failure in three
 * requests is not a 33% error rate worth waking anyone for.
 */
export const MIN_RATE_SAMPLE = 10;
/**
 * A minute's p95 needs as many. It is coarse over ten records (the slowest one or two), so
 * `auto` judges it with a wider band (LATENCY_THRESHOLD) and again per five minutes
 * (coarse-latency.ts). With 20 here, quiet minutes had no p95 at all and the baseline of the
 * hours after them was built from a few busy minutes: most latency false alarms came from
 * there (docs/BENCHMARKS.md).
 */
export const MIN_LATENCY_SAMPLE = 10;
/** Spreads from expected at which `auto` calls a p95 anomalous: p95s are heavy-tailed, a z of 4.5 is no rarity. */
export const LATENCY_THRESHOLD = 5.5;

/** The minute-by-minute metrics of one service (or of all, service null), dense from `start`. */
export interface ServiceSeries {
  service: string | null;
  start: number;
  counts: number[];
  metrics: Record<MetricName, (number | null)[]>;
  /** p95 per five minutes, for `auto` (coarse-latency.ts). */
  coarseLatency?: CoarseLatency;
  /** Log median per 15 minutes, for `auto` (coarse-latency.ts). */
  coarseMedian?: CoarseLatency;
}

/**
 * Dense one-minute series from the store's buckets: a minute without records is volume 0
 * (a service going silent is a drop to zero), and has no error rate or latency (null).
 * Before a service's first record nothing is known (null, not 0): a service that starts
 * is not a spike from nothing, and a day without it is no season to compare with.
 */
export function denseSeries(buckets: MetricBucket[], service: string | null, start: number, minutes: number): ServiceSeries {
  const counts = new Array<number>(minutes).fill(0);
  const errors = new Array<number>(minutes).fill(0);
  const p95 = new Array<number | null>(minutes).fill(null);
  const users = new Array<number>(minutes).fill(0);
  for (const b of buckets) {
    const i = Math.floor((b.start - start) / MINUTE);
    if (i < 0 || i >= minutes) continue;
    counts[i] += b.count;
    errors[i] += b.errors;
    p95[i] = b.p95ResponseTimeMs;
    users[i] += b.users;
  }
  const first = counts.findIndex((n) => n > 0);
  const known = <T>(values: T[]): (T | null)[] => values.map((v, i) => (first === -1 || i < first ? null : v));
  return {
    service,
    start,
    counts,
    metrics: {
      log_volume: known(counts),
      error_rate: counts.map((n, i) => (n < MIN_RATE_SAMPLE ? null : (100 * errors[i]) / n)),
      latency_p95: p95.map((v, i) => (counts[i] < MIN_LATENCY_SAMPLE ? null : v)),
      unique_users: known(users),
    },
  };
}

/**
 * The smallest spread worth alarming on, per metric (see SeriesInput.minScale): counts are
 * Poisson-like (sd ~ sqrt of the mean); an error rate over n records is binomial, doubled
 * because one failing request writes several records; a minute's p95 over a few dozen
 * requests jumps with every timeout, so under +30% (or 20 ms) per spread is not news.
 * Measured with `npm run bench -- --anomalies` (docs/BENCHMARKS.md).
 */
export function minScaleOf(metric: MetricName, counts: readonly number[]): (expected: number, index: number) => number {
  switch (metric) {
    case 'log_volume':
    case 'unique_users':
      return (e) => Math.max(Math.sqrt(Math.max(e, 1)), 0.1 * e);
    case 'error_rate':
      return (e, i) => {
        const p = Math.min(0.995, Math.max(0.005, e / 100));
        return Math.max(200 * Math.sqrt((p * (1 - p)) / Math.max(1, counts[i])), 2);
      };
    case 'latency_p95':
      return (e) => Math.max(0.3 * e, 20);
  }
}
