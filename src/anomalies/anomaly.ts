// The domain types of anomaly detection, in the words of seed 002.

export const METRICS = ['log_volume', 'error_rate', 'latency_p95', 'unique_users'] as const;
export type MetricName = (typeof METRICS)[number];

export const METHODS = ['zscore', 'robust_zscore', 'moving_average', 'seasonal', 'isolation_forest', 'auto'] as const;
export type DetectionMethod = (typeof METHODS)[number];

export type AnomalyType = 'spike' | 'drop' | 'pattern_change';
/**
 * What an anomaly is about: a metric series, the 15-minute median latency `auto` also judges
 * when latency is asked (coarse-latency.ts), or a burst of a new pattern or a known
 * pattern's rate (pattern-changes.ts).
 */
export type AnomalySubject = MetricName | 'latency_median' | 'new_patterns' | 'pattern_rate';
export const ANOMALY_SUBJECTS: readonly AnomalySubject[] = [...METRICS, 'latency_median', 'new_patterns', 'pattern_rate'];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One anomaly: a run of anomalous buckets of one metric of one service, merged. */
export interface Anomaly {
  /** Start of the first anomalous bucket. */
  detectedAt: number;
  /** End of the last anomalous bucket (exclusive). */
  endedAt: number;
  metric: AnomalySubject;
  /** null: all services together. */
  service: string | null;
  type: AnomalyType;
  /** The z-score (spreads from expected) of the most deviating bucket. */
  score: number;
  severity: Severity;
  actual: number;
  expected: number;
  /** (actual - expected) / expected x 100; null when nothing was expected. */
  deviationPercent: number | null;
  method: DetectionMethod;
  /** Said in the description instead of the numbers (a new pattern's template). */
  detail?: string;
}

/** One bucket of a watched series with its expected band, for charts. */
export interface SeriesPoint {
  start: number;
  actual: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  anomalous: boolean;
}
