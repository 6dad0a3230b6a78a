import { SeriesDetector, SeriesInput, Verdict, verdict } from './detector';
import { mean, present, stdDev } from './series-stats';

export interface EwmaOptions {
  /** Weight of the newest value in the moving mean and variance. */
  alpha?: number;
  threshold?: number;
  /** History buckets that seed the mean and variance. */
  warmup?: number;
}

/**
 * An exponentially weighted moving average with a band of `threshold` moving standard
 * deviations. An anomalous value is learned only up to the band's edge, so a spike does not
 * drag the baseline after it, while a lasting change of level is followed within minutes.
 */
export function ewmaDetector(options: EwmaOptions = {}): SeriesDetector {
  const { alpha = 0.1, threshold = 4, warmup = 30 } = options;
  return (input: SeriesInput): Verdict[] => {
    const seed = present(input.values, input.from - warmup, input.from);
    if (seed.length < 2) return [];
    let m = mean(seed);
    let variance = stdDev(seed) ** 2;
    const out: Verdict[] = [];
    for (let i = input.from; i < input.values.length; i++) {
      const actual = input.values[i];
      if (actual === null) continue;
      const v = verdict(i, actual, m, Math.sqrt(variance), input, threshold);
      out.push(v);
      const learned = Math.min(v.upper, Math.max(v.lower, actual));
      const diff = learned - m;
      m += alpha * diff;
      variance = (1 - alpha) * (variance + alpha * diff * diff);
    }
    return out;
  };
}
