import { SeriesDetector, SeriesInput, Verdict, verdict } from './detector';
import { median, present, robustScale } from './series-stats';

export interface SeasonalOptions {
  /** Buckets per season: 1440 one-minute buckets make a day. */
  period?: number;
  /** Previous seasons looked at. */
  seasons?: number;
  /** Buckets either side of the same time on a previous day that count as "the same time". */
  halfWidth?: number;
  /** Trailing buckets whose residuals set today's level and noise. */
  recent?: number;
  threshold?: number;
  /**
   * The values are logarithms (of a median latency): today's level is the median difference
   * from previous days, within ±ln 2 (the ratio's [0.5, 2]), not a ratio of logarithms.
   */
  logScale?: boolean;
}

/**
 * The same time of day on previous days is the expected value, so a daily peak or a quiet
 * night is not an anomaly. Today's level relative to those days (a quieter weekend) is the
 * median ratio over the recent buckets, and the spread is the robust spread of the recent
 * residuals: noise is judged as it is now, not as it was.
 */
export function seasonalDetector(options: SeasonalOptions = {}): SeriesDetector {
  const { period = 1440, seasons = 7, halfWidth = 5, recent = 120, threshold = 4.5, logScale = false } = options;
  const shifted = (b: number, level: number) => (logScale ? b + level : b * level);
  return (input: SeriesInput): Verdict[] => {
    const seasonal = seasonalBaseline(input.values, period, seasons, halfWidth, Math.max(0, input.from - recent));
    const out: Verdict[] = [];
    for (let i = input.from; i < input.values.length; i++) {
      const actual = input.values[i];
      const base = seasonal[i];
      if (actual === null || base === null) continue;
      const ratios: number[] = [];
      const residuals: number[] = [];
      for (let j = Math.max(0, i - recent); j < i; j++) {
        const v = input.values[j];
        const b = seasonal[j];
        if (v === null || b === null) continue;
        if (logScale) ratios.push(v - b);
        else if (b > 0) ratios.push(v / b);
      }
      // Level within [0.5, 2] of previous days: beyond that it is an incident, not a season.
      const [low, high, none] = logScale ? [-Math.LN2, Math.LN2, 0] : [0.5, 2, 1];
      const level = ratios.length >= 10 ? Math.min(high, Math.max(low, median(ratios))) : none;
      for (let j = Math.max(0, i - recent); j < i; j++) {
        const v = input.values[j];
        const b = seasonal[j];
        if (v !== null && b !== null) residuals.push(v - shifted(b, level));
      }
      const spread = residuals.length >= 10 ? robustScale(residuals) : 0;
      out.push(verdict(i, actual, shifted(base, level), spread, input, threshold));
    }
    return out;
  };
}

/**
 * Per bucket from `first` on, the median of the buckets around the same time on previous
 * seasons (null without any, and before `first`: history needs no baseline of its own).
 */
export function seasonalBaseline(values: readonly (number | null)[], period: number, seasons: number, halfWidth: number, first = 0): (number | null)[] {
  return values.map((_, i) => {
    if (i < first) return null;
    const samples: number[] = [];
    for (let k = 1; k <= seasons; k++) {
      const at = i - k * period;
      if (at + halfWidth < 0) break;
      samples.push(...present(values, at - halfWidth, at + halfWidth + 1));
    }
    return samples.length === 0 ? null : median(samples);
  });
}

/** Whether a series reaches back at least one full season before `from`. */
export function hasSeason(input: SeriesInput, period = 1440): boolean {
  return input.from >= period && present(input.values, input.from - period - 5, input.from - period + 6).length > 0;
}

