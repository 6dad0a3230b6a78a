import { Anomaly, DetectionMethod, METRICS, MetricName, SeriesPoint } from './anomaly';
import { SeriesDetector, SeriesInput, Verdict } from './detectors/detector';
import { ewmaDetector } from './detectors/ewma-detector';
import { isolationForestDetector } from './detectors/isolation-forest-detector';
import { hasSeason, seasonalDetector } from './detectors/seasonal-detector';
import { zScoreDetector } from './detectors/zscore-detector';
import { coarseLatencyAnomalies, coarseMedianAnomalies } from './coarse-latency';
import { MERGE_GAP_MS, mergeAnomalies } from './merge-anomalies';
import { LATENCY_THRESHOLD, MINUTE, minScaleOf, ServiceSeries } from './metric-series';
import { severityOf } from './severity';

/** A single bucket this far out (in spreads) is an anomaly on its own; a weaker one needs company. */
export const ALONE_SCORE = 8;
/** A run of empty minutes where at least this many records were expected in all is a silence. */
const SILENT_EXPECTED = 12;

/**
 * Confirms anomalous buckets: one next to another anomalous one on the same side, or one far
 * out, for counts only: a one-minute burst of traffic is news, a one-minute p95 or error rate
 * over a few dozen requests is mostly noise (single minutes were most of the false alarms).
 * A run of empty minutes is a silence when the expected records add up to SILENT_EXPECTED
 * (a Poisson chance of e^-12): a quiet service going silent at night is 0 where 2 were
 * expected, each minute well inside its band.
 */
export function confirm(metric: MetricName, list: Verdict[]): Verdict[] {
  const counts = metric === 'log_volume' || metric === 'unique_users';
  const adjacent = (a: Verdict | undefined, b: Verdict) => a !== undefined && Math.abs(a.index - b.index) === 1 && Math.sign(a.score) === Math.sign(b.score);
  const out = list.map((v, k) => {
    if (!v.anomalous || (counts && Math.abs(v.score) >= ALONE_SCORE)) return v;
    const near = (j: number) => adjacent(list[j], v) && list[j].anomalous;
    return { ...v, anomalous: near(k - 1) || near(k + 1) };
  });
  if (metric !== 'log_volume') return out;
  for (let k = 0; k < list.length; ) {
    let end = k;
    let expected = 0;
    while (end < list.length && list[end].actual === 0 && (end === k || list[end].index === list[end - 1].index + 1)) expected += list[end++].expected;
    if (end - k >= 3 && expected >= SILENT_EXPECTED) for (let j = k; j < end; j++) out[j] = { ...out[j], anomalous: true };
    k = Math.max(end, k + 1);
  }
  return out;
}

/** History each method needs before the first judged minute. */
export function lookbackMinutes(method: DetectionMethod): number {
  if (method === 'seasonal' || method === 'auto') return 7 * 1440 + 10;
  if (method === 'isolation_forest') return 1440 + 60;
  return 120;
}

export const FOREST_SEED = 20_170_601;

const SERIES_DETECTORS: Record<Exclude<DetectionMethod, 'isolation_forest' | 'auto'>, SeriesDetector> = {
  zscore: zScoreDetector(),
  robust_zscore: zScoreDetector({ robust: true }),
  moving_average: ewmaDetector(),
  seasonal: seasonalDetector(),
};

/**
 * `auto`: the seasonal baseline when there is a previous day to compare with, else the
 * robust z-score, and latency also as a p95 per five minutes and a median per 15 minutes
 * (coarse-latency.ts); docs/BENCHMARKS.md,
 * anomaly detection, has the measurements behind it.
 */
function seriesDetectorFor(method: Exclude<DetectionMethod, 'isolation_forest'>, metric: MetricName, input: SeriesInput): SeriesDetector {
  if (method !== 'auto') return SERIES_DETECTORS[method];
  if (metric === 'latency_p95') return hasSeason(input) ? AUTO_LATENCY.seasonal : AUTO_LATENCY.robust;
  return hasSeason(input) ? SERIES_DETECTORS.seasonal : SERIES_DETECTORS.robust_zscore;
}

const AUTO_LATENCY = { seasonal: seasonalDetector({ threshold: LATENCY_THRESHOLD }), robust: zScoreDetector({ robust: true, threshold: LATENCY_THRESHOLD }) };

export interface DetectionResult {
  anomalies: Anomaly[];
  /** Per metric asked, the judged minutes with their expected band. */
  points: Partial<Record<MetricName, SeriesPoint[]>>;
}

/** Runs one method over the metrics of one service's series, judging the minutes from `from` on. */
export function runDetection(series: ServiceSeries, from: number, metrics: readonly MetricName[], method: DetectionMethod): DetectionResult {
  const first = Math.max(0, Math.floor((from - series.start) / MINUTE));
  const verdicts = new Map<MetricName, Verdict[]>();
  const forestLed = new Set<string>();
  if (method === 'isolation_forest') {
    const forest = isolationForestDetector(
      { series: METRICS.map((m) => series.metrics[m]), from: first, minScale: METRICS.map((m) => minScaleOf(m, series.counts)) },
      { seed: FOREST_SEED },
    );
    for (const m of metrics) {
      const at = METRICS.indexOf(m);
      verdicts.set(m, forest.flatMap((f) => {
        const v = f.metrics[at];
        if (!v) return [];
        const anomalous = f.anomalous && f.lead === at;
        if (anomalous && Math.abs(v.score) < 4) forestLed.add(`${m}:${v.index}`);
        return [{ ...v, anomalous }];
      }));
    }
  } else {
    for (const m of metrics) {
      const input: SeriesInput = { values: series.metrics[m], from: first, minScale: minScaleOf(m, series.counts) };
      verdicts.set(m, seriesDetectorFor(method, m, input)(input));
    }
  }
  const anomalies: Anomaly[] = [];
  const points: DetectionResult['points'] = {};
  for (const [metric, raw] of verdicts) {
    const list = confirm(metric, raw);
    points[metric] = list.map((v) => ({
      start: series.start + v.index * MINUTE, actual: v.actual, expected: v.expected, lower: Math.max(0, v.lower), upper: v.upper, anomalous: v.anomalous,
    }));
    for (const v of list.filter((x) => x.anomalous)) {
      const deviationPercent = v.expected === 0 ? null : ((v.actual - v.expected) / Math.abs(v.expected)) * 100;
      const at = series.start + v.index * MINUTE;
      anomalies.push({
        detectedAt: at,
        endedAt: at + MINUTE,
        metric,
        service: series.service,
        // The forest flags minutes unusual as a whole, not far out on one metric: a change of pattern.
        type: forestLed.has(`${metric}:${v.index}`) ? 'pattern_change' : v.score > 0 ? 'spike' : 'drop',
        score: v.score,
        severity: severityOf(v.score, deviationPercent),
        actual: v.actual,
        expected: v.expected,
        deviationPercent,
        method,
      });
    }
  }
  if (method === 'auto' && series.coarseLatency && metrics.includes('latency_p95')) {
    anomalies.push(...coarseLatencyAnomalies(series.coarseLatency, series.service, from, (list) => confirm('latency_p95', list)));
  }
  if (method === 'auto' && series.coarseMedian && metrics.includes('latency_p95')) {
    // A shift the p95 already reports is not told twice: the median speaks where the p95 saw nothing.
    const p95 = anomalies.filter((a) => a.metric === 'latency_p95');
    const told = (a: Anomaly) => p95.some((p) => a.detectedAt <= p.endedAt + MERGE_GAP_MS && p.detectedAt <= a.endedAt + MERGE_GAP_MS);
    anomalies.push(...coarseMedianAnomalies(series.coarseMedian, series.service, from, (list) => confirm('latency_p95', list)).filter((a) => !told(a)));
  }
  return { anomalies: mergeAnomalies(anomalies), points };
}
