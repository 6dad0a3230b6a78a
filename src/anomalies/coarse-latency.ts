import { MetricBucket } from '../logs/metric-bucket';
import { Anomaly } from './anomaly';
import { SeriesDetector, SeriesInput, Verdict } from './detectors/detector';
import { hasSeason, seasonalDetector } from './detectors/seasonal-detector';
import { zScoreDetector } from './detectors/zscore-detector';
import { mergeAnomalies } from './merge-anomalies';
import { LATENCY_THRESHOLD, MINUTE, minScaleOf } from './metric-series';
import { severityOf } from './severity';

/** Minutes of one coarse latency bucket. */
export const COARSE_MINUTES = 5;
const BUCKET = COARSE_MINUTES * MINUTE;
const PER_DAY = 1440 / COARSE_MINUTES;

/** Records a five-minute bucket needs for a p95. */
export const COARSE_MIN_SAMPLE = 20;

/** p95 per 5-minute bucket, from `start` (aligned down to a bucket), null below COARSE_MIN_SAMPLE records. */
export interface CoarseLatency {
  start: number;
  values: (number | null)[];
}

export function coarseLatency(buckets: readonly MetricBucket[], start: number, end: number): CoarseLatency {
  const first = Math.floor(start / BUCKET) * BUCKET;
  const values = new Array<number | null>(Math.ceil((end - first) / BUCKET)).fill(null);
  for (const b of buckets) {
    const i = Math.floor((b.start - first) / BUCKET);
    if (i >= 0 && i < values.length && b.count >= COARSE_MIN_SAMPLE) values[i] = b.p95ResponseTimeMs;
  }
  return { start: first, values };
}

// The per-minute detectors' settings scaled to 5-minute buckets: the same day, the same hours.
const SEASONAL: SeriesDetector = seasonalDetector({ period: PER_DAY, halfWidth: 1, recent: 24, threshold: LATENCY_THRESHOLD });
const ROBUST: SeriesDetector = zScoreDetector({ robust: true, baseline: 24, threshold: LATENCY_THRESHOLD });

/**
 * `auto`'s second look at latency: a quiet service logs a few requests a minute, too few for
 * a minute's p95 (MIN_LATENCY_SAMPLE), so a latency shift in a quiet hour went unseen; five
 * minutes of it hold more (docs/BENCHMARKS.md, anomaly detection). Judged like a minute
 * series, seasonal when a previous day exists, two adjacent buckets to confirm (`confirm`).
 */
export function coarseLatencyAnomalies(
  series: CoarseLatency,
  service: string | null,
  from: number,
  confirm: (list: Verdict[]) => Verdict[],
): Anomaly[] {
  const input: SeriesInput = { values: series.values, from: Math.max(0, Math.floor((from - series.start) / BUCKET)), minScale: minScaleOf('latency_p95', []) };
  const detector = hasSeason(input, PER_DAY) ? SEASONAL : ROBUST;
  return mergeAnomalies(confirm(detector(input))
    .filter((v) => v.anomalous)
    .map((v): Anomaly => {
      const at = series.start + v.index * BUCKET;
      const deviationPercent = v.expected === 0 ? null : ((v.actual - v.expected) / Math.abs(v.expected)) * 100;
      return {
        detectedAt: Math.max(at, from), endedAt: at + BUCKET, metric: 'latency_p95', service, type: v.score > 0 ? 'spike' : 'drop',
        score: v.score, severity: severityOf(v.score, deviationPercent), actual: v.actual, expected: v.expected, deviationPercent, method: 'auto',
      };
    }));
}
