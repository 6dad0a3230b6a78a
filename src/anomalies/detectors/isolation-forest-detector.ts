import { Verdict } from './detector';
import { IsolationForest } from './isolation-forest';
import { median, present, quantile, robustScale } from './series-stats';

export interface ForestInput {
  /** Several metrics of the same buckets (equal lengths), e.g. volume, error rate, p95, users. */
  series: readonly (readonly (number | null)[])[];
  from: number;
  /** Per metric, as SeriesInput.minScale. */
  minScale?: Array<((expected: number, index: number) => number) | undefined>;
}

export interface ForestVerdict {
  index: number;
  /** The forest's anomaly score of the bucket's vector. */
  forestScore: number;
  anomalous: boolean;
  /** Per metric, a verdict against the trailing median and spread; `anomalous` is the bucket's. */
  metrics: Array<Verdict | null>;
  /** The metric that deviates most: the one an anomalous bucket is reported under. */
  lead: number;
}

export interface ForestOptions {
  seed?: number;
  trees?: number;
  /** History buckets the forest is trained on. */
  training?: number;
  /** Trailing buckets for each metric's expected value and spread. */
  baseline?: number;
  /** The quantile of the training scores above which a bucket is anomalous. */
  contamination?: number;
  minScore?: number;
}

/**
 * Isolation forest over the vector of every metric of a bucket, each standardized by its own
 * trailing median and spread, so the forest sees how unusual a minute is across metrics at once.
 * Trained on the history; a bucket scoring above the training data's top `contamination` is
 * anomalous (self-calibrating: about that share of ordinary minutes alarms).
 */
export function isolationForestDetector(input: ForestInput, options: ForestOptions = {}): ForestVerdict[] {
  const { seed = 42, trees = 100, training = 1440, baseline = 60, contamination = 0.001, minScore = 0.6 } = options;
  const length = Math.min(...input.series.map((s) => s.length));
  const standardized = (i: number): { row: number[]; metrics: Array<Verdict | null> } => {
    const metrics = input.series.map((values, m) => {
      const actual = values[i];
      const history = present(values, i - baseline, i);
      if (actual === null || history.length < 10) return null;
      const center = median(history);
      const scale = Math.max(robustScale(history, center), input.minScale?.[m]?.(center, i) ?? 0, 1e-9);
      const score = (actual - center) / scale;
      return { index: i, actual, expected: center, lower: center - 4 * scale, upper: center + 4 * scale, score, anomalous: false };
    });
    return { row: metrics.map((v) => (v === null ? 0 : Math.max(-50, Math.min(50, v.score)))), metrics };
  };
  const trainRows: number[][] = [];
  for (let i = Math.max(0, input.from - training); i < input.from; i++) {
    const s = standardized(i);
    if (s.metrics.some((v) => v !== null)) trainRows.push(s.row);
  }
  if (trainRows.length < 30) return [];
  const forest = new IsolationForest(trainRows, { seed, trees });
  const threshold = Math.max(minScore, quantile(trainRows.map((r) => forest.score(r)), 1 - contamination));
  const out: ForestVerdict[] = [];
  for (let i = input.from; i < length; i++) {
    const s = standardized(i);
    if (s.metrics.every((v) => v === null)) continue;
    const forestScore = forest.score(s.row);
    let lead = 0;
    s.metrics.forEach((v, m) => {
      if (v && Math.abs(v.score) > Math.abs(s.metrics[lead]?.score ?? 0)) lead = m;
    });
    out.push({ index: i, forestScore, anomalous: forestScore > threshold, metrics: s.metrics, lead });
  }
  return out;
}
