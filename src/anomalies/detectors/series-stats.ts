import { quantile } from '../../platform/stats/quantile';
// Small statistics over plain arrays, shared by the detectors.

export function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export function stdDev(values: number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) * (v - m), 0) / (values.length - 1));
}

/** Linear-interpolated quantile (DuckDB's quantile_cont); NaN for no values. */
export { quantile } from '../../platform/stats/quantile';

export const median = (values: number[]): number => quantile(values, 0.5);

/**
 * A spread that estimates the standard deviation of normal data and shrugs off a few
 * outliers: the larger of the scaled median absolute deviation and the 10-90% range / 2.563.
 * The MAD alone called a series that flips between two levels (a minute's p95 with or without
 * a 5 s timeout in it) nearly constant, and every flip an anomaly; the inter-decile range
 * sees flips that happen in more than a tenth of the minutes.
 */
export function robustScale(values: number[], center = median(values)): number {
  const mad = 1.4826 * median(values.map((v) => Math.abs(v - center)));
  return Math.max(mad, (quantile(values, 0.9) - quantile(values, 0.1)) / 2.563);
}

/** The non-null values of `values[from, to)`. */
export function present(values: readonly (number | null)[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
}
