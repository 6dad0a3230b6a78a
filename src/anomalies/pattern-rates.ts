// Judges each pattern's records per minute against its share of its service's records in the
// day before: the pure half of pattern_change detection (pattern-changes.ts reads the ports).

/** Trailing minutes a pattern's share is learned from: a day and an hour, so yesterday's same hour is in it. */
export const SHARE_BASELINE_MINUTES = 1500;
/** Windows (minutes, ending at each judged minute) a burst is looked for in: sudden, or slow and steady. */
export const BURST_WINDOWS = [1, 5, 15] as const;
/** Records a pattern needs in a window to be a change (one stray line is not an incident). */
export const MIN_CHANGE_RECORDS = 3;
/** A window must hold this many times the records its baseline share predicts. */
export const MIN_CHANGE_RATIO = 3;
/** And be this unlikely under that share (Poisson): about a million windows are judged per series and day. */
export const MAX_CHANGE_PROBABILITY = 1e-7;
/** A service's patterns are all new at first: its shares mean something after this much history and these many records. */
export const MIN_HISTORY_MINUTES = 60;
export const MIN_BASELINE_RECORDS = 20;

export interface PatternSeries {
  id: string;
  /** Records per minute from the series start. */
  counts: readonly number[];
}

export interface RateChange {
  id: string;
  /** Minute indexes, end exclusive, of the anomalous run (windows that alarmed, joined). */
  from: number;
  to: number;
  /** Records of the pattern in the run, and what its baseline share predicted for them. */
  actual: number;
  expected: number;
  /** Spreads (Poisson, sqrt of expected) above expected, of the most unusual window. */
  score: number;
}

/**
 * The runs of minutes (from `first` on) in which a pattern of one service had far more records
 * than its share of the service's records over the SHARE_BASELINE_MINUTES before predicts
 * (MIN_CHANGE_RATIO times, and a Poisson chance under MAX_CHANGE_PROBABILITY), or, for a
 * pattern without records in that baseline, MIN_CHANGE_RECORDS in a window. Volume that rises
 * for every pattern alike (a traffic spike) leaves shares as they were: the volume detector's news.
 */
export function rateChanges(patterns: readonly PatternSeries[], first: number): RateChange[] {
  const minutes = Math.max(0, ...patterns.map((p) => p.counts.length));
  const total = new Array<number>(minutes).fill(0);
  for (const p of patterns) p.counts.forEach((n, i) => (total[i] += n));
  const totalSums = prefixSums(total);
  const born = total.findIndex((n) => n > 0);
  const out: RateChange[] = [];
  for (const p of patterns) {
    const sums = prefixSums(p.counts);
    const within = (a: number, b: number, s: number[]) => s[Math.min(b, minutes)] - s[Math.max(0, a)];
    let run: RateChange | null = null;
    for (let t = first; t < p.counts.length; t++) {
      if (p.counts[t] === 0) continue;
      for (const w of BURST_WINDOWS) {
        const start = t - w + 1;
        const actual = within(start, t + 1, sums);
        if (actual < MIN_CHANGE_RECORDS) continue;
        const baseTotal = within(start - SHARE_BASELINE_MINUTES, start, totalSums);
        if (baseTotal < MIN_BASELINE_RECORDS || start - born < MIN_HISTORY_MINUTES) continue;
        const seen = within(start - SHARE_BASELINE_MINUTES, start, sums);
        const expected = (seen / baseTotal) * within(start, t + 1, totalSums);
        // Unseen for a day: MIN_CHANGE_RECORDS in a window is the burst of a new pattern.
        if (seen > 0 && (actual < MIN_CHANGE_RATIO * expected || poissonTail(actual, expected) > MAX_CHANGE_PROBABILITY)) continue;
        const score = (actual - expected) / Math.sqrt(Math.max(expected, 1 / baseTotal));
        if (run && start <= run.to) {
          run.from = Math.min(run.from, firstRecord(p.counts, Math.max(first, start)));
          run.to = t + 1;
          run.score = Math.max(run.score, score);
        } else {
          if (run) out.push(finish(run, sums, p, totalSums));
          run = { id: p.id, from: firstRecord(p.counts, Math.max(first, start)), to: t + 1, actual: 0, expected: 0, score };
        }
      }
    }
    if (run) out.push(finish(run, sums, p, totalSums));
  }
  return out;
}

const firstRecord = (counts: readonly number[], from: number) => {
  let i = from;
  while (counts[i] === 0) i++;
  return i;
};

function finish(run: RateChange, sums: number[], p: PatternSeries, totalSums: number[]): RateChange {
  const from = Math.max(0, run.from - SHARE_BASELINE_MINUTES);
  const baseTotal = totalSums[run.from] - totalSums[from];
  const share = baseTotal === 0 ? 0 : (sums[run.from] - sums[from]) / baseTotal;
  return { ...run, actual: sums[run.to] - sums[run.from], expected: share * (totalSums[run.to] - totalSums[run.from]) };
}

function prefixSums(values: readonly number[]): number[] {
  const out = new Array<number>(values.length + 1);
  out[0] = 0;
  for (let i = 0; i < values.length; i++) out[i + 1] = out[i] + values[i];
  return out;
}

/** P(X >= k) for X ~ Poisson(lambda), summed in log space from k up (the terms fall fast once k > lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) return 1; // not a rise: never an anomaly, no need for the exact tail
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-12) break;
    logTerm += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}
