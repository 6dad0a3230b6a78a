import { MetricBucket } from '../logs/metric-bucket';
import { coarseLatency, coarseLatencyAnomalies, COARSE_MINUTES } from './coarse-latency';
import { gaussian } from './detectors/synthetic-series';
import { confirm } from './run-detection';

const MIN = 60_000;
const BUCKET = COARSE_MINUTES * MIN;
const T0 = Date.UTC(2026, 0, 1);
const DAYS = 3;

/** A quiet service: 25 records per five minutes (too few per minute for a p95), p95 around 400 ms. */
function buckets(shift: (start: number) => number = () => 1): MetricBucket[] {
  const noise = gaussian(5);
  return Array.from({ length: (DAYS * 1440) / COARSE_MINUTES }, (_, i) => {
    const start = T0 + i * BUCKET;
    return { start, count: 25, errors: 0, p95ResponseTimeMs: Math.max(50, (400 + 60 * noise()) * shift(start)), users: 5 };
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
