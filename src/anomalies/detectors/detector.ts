/**
 * What every detector takes and gives. A series is one value per bucket, oldest first, null
 * where the metric has no value (no request carried a response time). The buckets before
 * `from` are history only; every non-null bucket from `from` on gets a verdict.
 */
export interface SeriesInput {
  values: readonly (number | null)[];
  from: number;
  /**
   * The smallest spread worth alarming on, at a bucket whose expected value is `expected`:
   * volume is Poisson-like and an error rate of a handful of requests is coarse, so a
   * flat history must not make every wobble an anomaly.
   */
  minScale?: (expected: number, index: number) => number;
}

export interface Verdict {
  index: number;
  actual: number;
  expected: number;
  /** The band outside which a value is anomalous. */
  lower: number;
  upper: number;
  /** Signed distance from `expected` in units of the spread (a z-score). */
  score: number;
  anomalous: boolean;
}

export type SeriesDetector = (input: SeriesInput) => Verdict[];

/** A verdict from an expected value, a spread and the threshold (in spreads). */
export function verdict(index: number, actual: number, expected: number, spread: number, input: SeriesInput, threshold: number): Verdict {
  const scale = Math.max(spread, input.minScale?.(expected, index) ?? 0, 1e-9);
  const score = (actual - expected) / scale;
  return {
    index,
    actual,
    expected,
    lower: expected - threshold * scale,
    upper: expected + threshold * scale,
    score,
    anomalous: Math.abs(score) >= threshold,
  };
}
