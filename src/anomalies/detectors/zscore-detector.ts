import { SeriesDetector, SeriesInput, Verdict, verdict } from './detector';
import { mean, median, present, robustScale, stdDev } from './series-stats';

export interface ZScoreOptions {
  /** Buckets of trailing history each value is compared with. */
  baseline?: number;
  threshold?: number;
  /** Median and MAD instead of mean and standard deviation: one outlier cannot hide the next. */
  robust?: boolean;
  /** Fewer history values than this give no verdict. */
  minHistory?: number;
}

/** Each value against the mean (or median) and spread of the `baseline` buckets before it. */
export function zScoreDetector(options: ZScoreOptions = {}): SeriesDetector {
  const { baseline = 60, threshold = options.robust ? 4 : 3.5, robust = false, minHistory = 10 } = options;
  return (input: SeriesInput): Verdict[] => {
    const out: Verdict[] = [];
    for (let i = input.from; i < input.values.length; i++) {
      const actual = input.values[i];
      if (actual === null) continue;
      const history = present(input.values, i - baseline, i);
      if (history.length < minHistory) continue;
      const center = robust ? median(history) : mean(history);
      const spread = robust ? robustScale(history, center) : stdDev(history);
      out.push(verdict(i, actual, center, spread, input, threshold));
    }
    return out;
  };
}
