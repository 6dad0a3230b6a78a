import { MetricBucket } from '../logs/metric-bucket';
import { coarseLatency, coarseLatencyAnomalies, coarseMedian, coarseMedianAnomalies, COARSE_MINUTES, MEDIAN_MINUTES } from './coarse-latency';
import { mulberry32 } from './detectors/isolation-forest';
import { quantile } from './detectors/series-stats';
import { gaussian } from './detectors/synthetic-series';
import { confirm, runDetection } from './run-detection';
import { ServiceSeries } from './metric-series';
import { presentAnomaly } from './anomaly-presenter';

const MIN = 60_000;
const BUCKET = COARSE_MINUTES * MIN;
const T0 = Date.UTC(2026, 0, 1);
const DAYS = 3;

/** A quiet service: 25 records per five minutes (too few per minute for a p95), p95 around 400 ms. */
function buckets(shift: (start: number) => number = () => 1): MetricBucket[] {
  const noise = gaussian(5);
  return Array.from({ length: (DAYS * 1440) / COARSE_MINUTES }, (_, i) => {
    const start = T0 + i * BUCKET;
    return { start, count: 25, errors: 0, p95ResponseTimeMs: Math.max(50, (400 + 60 * noise()) * shift(start)), medianResponseTimeMs: 120 * shift(start), timed: 15, users: 5 };
  });
}

describe('coarse latency (auto, five-minute p95)', () => {
  const from = T0 + 2 * 1440 * MIN;
  const to = T0 + DAYS * 1440 * MIN;
  const judge = (b: MetricBucket[]) => coarseLatencyAnomalies(coarseLatency(b, T0, to), 'search', from, (list) => confirm('latency_p95', list));

  it('stays quiet on a noisy p95, and leaves out buckets with too few records', () => {
    expect(judge(buckets())).toEqual([]);
    const thin = buckets((s) => (s >= from + 600 * MIN && s < from + 640 * MIN ? 3 : 1)).map((b) => (b.start >= from + 600 * MIN ? { ...b, count: 12 } : b));
    expect(judge(thin)).toEqual([]);
  });

  it('finds a tripled latency of half an hour in a quiet service', () => {
    const start = from + 600 * MIN;
    const found = judge(buckets((s) => (s >= start && s < start + 30 * MIN ? 3 : 1)));
    expect(found).toEqual([expect.objectContaining({ metric: 'latency_p95', service: 'search', type: 'spike', method: 'auto' })]);
    expect(found[0].detectedAt).toBeGreaterThanOrEqual(start);
    expect(found[0].detectedAt).toBeLessThanOrEqual(start + BUCKET);
    expect(found[0].endedAt).toBeLessThanOrEqual(start + 30 * MIN);
  });
});

/**
 * A service logging ~4 records a minute, 2-3 of them timed: each 15-minute bucket holds the
 * median and p95 of its own lognormal response times (median 130 ms, sigma 1: heavy-tailed,
 * a tenth of the requests over 470 ms), computed as the stores compute them.
 */
function quietService(seed: number, shift: (start: number) => number = () => 1): MetricBucket[] {
  const random = mulberry32(seed);
  const normal = gaussian(seed + 1);
  const size = MEDIAN_MINUTES * MIN;
  return Array.from({ length: (DAYS * 1440) / MEDIAN_MINUTES }, (_, i) => {
    const start = T0 + i * size;
    const timed = 30 + Math.floor(random() * 15);
    const times = Array.from({ length: timed }, () => 130 * Math.exp(normal()) * shift(start));
    return { start, count: 60, errors: 0, p95ResponseTimeMs: quantile(times, 0.95), medianResponseTimeMs: quantile(times, 0.5), timed, users: 5 };
  });
}

describe('coarse median latency (auto, 15-minute median)', () => {
  const from = T0 + 2 * 1440 * MIN;
  const to = T0 + DAYS * 1440 * MIN;
  const judge = (b: MetricBucket[]) => coarseMedianAnomalies(coarseMedian(b, T0, to), 'search', from, (list) => confirm('latency_p95', list));
  const shifted = (start: number, factor: number, minutes: number) => (s: number) => (s >= start && s < start + minutes * MIN ? factor : 1);

  it('stays quiet on a heavy-tailed quiet service, on every one of 20 seeds, though its p95 jumps', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const b = quietService(seed);
      expect(judge(b)).toEqual([]);
      const p95 = b.map((x) => x.p95ResponseTimeMs!);
      // What the median is for: the same buckets' p95 spans more than a factor 2.
      expect(Math.max(...p95) / Math.min(...p95)).toBeGreaterThan(2);
    }
  });

  it('finds a tripled latency of 36 minutes, reported as the median in ms', () => {
    const start = from + 18 * 60 * MIN + 50 * MIN;
    const found = judge(quietService(7, shifted(start, 3, 36)));
    expect(found).toEqual([expect.objectContaining({ metric: 'latency_median', service: 'search', type: 'spike', method: 'auto' })]);
    expect(found[0].detectedAt).toBeGreaterThanOrEqual(start - MEDIAN_MINUTES * MIN);
    expect(found[0].endedAt).toBeLessThanOrEqual(start + 36 * MIN + MEDIAN_MINUTES * MIN);
    expect(found[0].actual / found[0].expected).toBeGreaterThan(2);
    expect(found[0].expected).toBeGreaterThan(80);
    expect(found[0].expected).toBeLessThan(200);
  });

  it('calls a median under twice the usual one no anomaly, and leaves out buckets with too few response times', () => {
    const start = from + 600 * MIN;
    expect(judge(quietService(3, shifted(start, 1.6, 60)))).toEqual([]);
    const thin = quietService(3, shifted(start, 3, 60)).map((b) => (b.start >= start && b.start < start + 60 * MIN ? { ...b, timed: 10 } : b));
    expect(judge(thin)).toEqual([]);
  });

  it('follows the time of day: a slow night every night is no anomaly, the first slow night is', () => {
    const nightly = (s: number) => (Math.floor(((s - T0) % (1440 * MIN)) / (60 * MIN)) < 3 ? 3 : 1);
    expect(judge(quietService(11, nightly))).toEqual([]);
    const lastNightOnly = (s: number) => (s >= from ? nightly(s) : 1);
    expect(judge(quietService(11, lastNightOnly))).toEqual([expect.objectContaining({ metric: 'latency_median', type: 'spike' })]);
  });
});

describe('the median beside the p95 in runDetection (auto)', () => {
  const from = T0 + 2 * 1440 * MIN;
  const to = T0 + DAYS * 1440 * MIN;
  const start = from + 600 * MIN;
  const slow = (s: number) => (s >= start && s < start + 45 * MIN ? 3 : 1);
  const series = (p95Shift: (s: number) => number): ServiceSeries => ({
    service: 'search', start: T0, counts: [], metrics: { log_volume: [], error_rate: [], latency_p95: [], unique_users: [] },
    coarseLatency: coarseLatency(buckets(p95Shift), T0, to), coarseMedian: coarseMedian(quietService(5, slow), T0, to),
  });

  it('reports the median shift when the p95 saw nothing, and not twice when it did', () => {
    const alone = runDetection(series(() => 1), from, ['latency_p95'], 'auto').anomalies;
    expect(alone.map((a) => a.metric)).toEqual(['latency_median']);
    const both = runDetection(series(slow), from, ['latency_p95'], 'auto').anomalies;
    expect(both.map((a) => a.metric)).toEqual(['latency_p95']);
    expect(runDetection(series(() => 1), from, ['log_volume'], 'auto').anomalies).toEqual([]);
  });

  it('says what it measured', () => {
    const [a] = runDetection(series(() => 1), from, ['latency_p95'], 'auto').anomalies;
    expect(presentAnomaly(a)).toMatchObject({
      metric_name: 'latency_median',
      description: expect.stringMatching(/^latency_median spike: median response_time_ms per 15 minutes \d+\.\d\d \(expected ~\d+\.\d\d\)$/),
    });
  });
});
