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

/** One value per coarse bucket from `start` (aligned down to a bucket): the p95 per five minutes (null below COARSE_MIN_SAMPLE records), or the log median per 15 minutes. */
export interface CoarseLatency {
  start: number;
  values: (number | null)[];
}

export function coarseLatency(buckets: readonly MetricBucket[], start: number, end: number): CoarseLatency {
  return bucketValues(buckets, start, end, BUCKET, (b) => (b.count >= COARSE_MIN_SAMPLE ? b.p95ResponseTimeMs : null));
}

/** One value per bucket of `size` from `start` (aligned down), null where `pick` gives none. */
function bucketValues(buckets: readonly MetricBucket[], start: number, end: number, size: number, pick: (b: MetricBucket) => number | null): CoarseLatency {
  const first = Math.floor(start / size) * size;
  const values = new Array<number | null>(Math.ceil((end - first) / size)).fill(null);
  for (const b of buckets) {
    const i = Math.floor((b.start - first) / size);
    if (i >= 0 && i < values.length) values[i] = pick(b);
  }
  return { start: first, values };
}

/** Minutes of one median bucket. */
export const MEDIAN_MINUTES = 15;
const MEDIAN_BUCKET = MEDIAN_MINUTES * MINUTE;
const MEDIANS_PER_DAY = 1440 / MEDIAN_MINUTES;
/** Records with a response time a median bucket needs. */
export const MEDIAN_MIN_SAMPLE = 15;
/**
 * The smallest spread of a log median: threshold x this is ln 2, so a median under twice
 * the expected one is never an anomaly, however flat its history. Over 15-40 response
 * times a 15-minute median wanders by ±40% in normal hours (81-189 ms around 130).
 */
const MEDIAN_MIN_LOG_SPREAD = 0.2;
const MEDIAN_THRESHOLD = 3.5;

/** The natural log of the median response time per 15 minutes, null below MEDIAN_MIN_SAMPLE timed records. */
export function coarseMedian(buckets: readonly MetricBucket[], start: number, end: number): CoarseLatency {
  return bucketValues(buckets, start, end, MEDIAN_BUCKET, (b) =>
    b.timed >= MEDIAN_MIN_SAMPLE && b.medianResponseTimeMs !== null && b.medianResponseTimeMs > 0 ? Math.log(b.medianResponseTimeMs) : null,
  );
}

// Four hours of recent buckets for today's level and noise; the same quarter hour ±15 minutes on previous days.
const MEDIAN_SEASONAL: SeriesDetector = seasonalDetector({ period: MEDIANS_PER_DAY, halfWidth: 1, recent: 16, threshold: MEDIAN_THRESHOLD, logScale: true });
const MEDIAN_ROBUST: SeriesDetector = zScoreDetector({ robust: true, baseline: 16, threshold: MEDIAN_THRESHOLD });

/**
 * `auto`'s third look at latency, for services too quiet for a p95 even per five minutes:
 * 3-5 records a minute, 2-3 with a response time, give a 15-minute p95 over ~35 values that
 * jumps with every slow request (416-3,068 ms in normal hours), while the median of the same
 * values stays within ±40% and a 3x shift moves it 3x (docs/BENCHMARKS.md, anomaly detection).
 * Judged on the log of the median (a shift is a ratio), seasonal when a previous day exists,
 * two adjacent buckets to confirm. Reported as `latency_median`, values in ms.
 */
export function coarseMedianAnomalies(series: CoarseLatency, service: string | null, from: number, confirm: (list: Verdict[]) => Verdict[]): Anomaly[] {
  const input: SeriesInput = { values: series.values, from: Math.max(0, Math.floor((from - series.start) / MEDIAN_BUCKET)), minScale: () => MEDIAN_MIN_LOG_SPREAD };
  const detector = hasSeason(input, MEDIANS_PER_DAY) ? MEDIAN_SEASONAL : MEDIAN_ROBUST;
  return mergeAnomalies(confirm(detector(input))
    .filter((v) => v.anomalous)
    .map((v): Anomaly => {
      const at = series.start + v.index * MEDIAN_BUCKET;
      const [actual, expected] = [Math.exp(v.actual), Math.exp(v.expected)];
      const deviationPercent = ((actual - expected) / expected) * 100;
      return {
        detectedAt: Math.max(at, from), endedAt: at + MEDIAN_BUCKET, metric: 'latency_median', service, type: v.score > 0 ? 'spike' : 'drop',
        score: v.score, severity: severityOf(v.score, deviationPercent), actual, expected, deviationPercent, method: 'auto',
      };
    }));
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
