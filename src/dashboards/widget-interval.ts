const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/** The bucket sizes a chart may use: round numbers a reader recognises on an axis. */
const STEPS = [S, 5 * S, 10 * S, 30 * S, M, 5 * M, 10 * M, 30 * M, H, 3 * H, 6 * H, 12 * H, D, 7 * D, 30 * D];

/** At most this many buckets per chart: enough to see a spike, few enough to read each bar. */
export const TARGET_BUCKETS = 60;

/** The smallest round bucket size that draws `spanMs` in at most TARGET_BUCKETS buckets. */
export function widgetInterval(spanMs: number): number {
  return STEPS.find((step) => spanMs / step <= TARGET_BUCKETS) ?? Math.ceil(spanMs / TARGET_BUCKETS / D) * D;
}

/** The starts of every bucket from `from` to `to`, epoch-aligned as the stores align them. */
export function bucketStarts(from: number, to: number, intervalMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(from / intervalMs) * intervalMs; t <= to; t += intervalMs) out.push(t);
  return out;
}
