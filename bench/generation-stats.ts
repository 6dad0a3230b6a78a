// The summary the seed's generator prints: counts, speed, file size, response-time
// percentiles, level and status distributions. Percentiles come from a 0.01 ms histogram,
// exact for the two-decimal values the generator writes, in constant memory.

import { SampleLogRecord } from './sample-log-record';

const BINS_PER_MS = 100;
const MAX_MS = 10_000;

/** What a worker sends back (structured-clonable). */
export interface GenerationStatsSnapshot {
  total: number;
  histogram: Uint32Array;
  timed: number;
  sum: number;
  min: number;
  max: number;
  levels: Map<string, number>;
  statuses: Map<number, number>;
  logTypes: Map<string, number>;
}

export class GenerationStats implements GenerationStatsSnapshot {
  total = 0;
  readonly histogram = new Uint32Array(MAX_MS * BINS_PER_MS + 1);
  timed = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  readonly levels = new Map<string, number>();
  readonly statuses = new Map<number, number>();
  readonly logTypes = new Map<string, number>();

  merge(o: GenerationStatsSnapshot): void {
    this.total += o.total;
    this.timed += o.timed;
    this.sum += o.sum;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    for (let i = 0; i < o.histogram.length; i++) this.histogram[i] += o.histogram[i];
    for (const [k, c] of o.levels) this.levels.set(k, (this.levels.get(k) ?? 0) + c);
    for (const [k, c] of o.statuses) this.statuses.set(k, (this.statuses.get(k) ?? 0) + c);
    for (const [k, c] of o.logTypes) this.logTypes.set(k, (this.logTypes.get(k) ?? 0) + c);
  }

  snapshot(): GenerationStatsSnapshot {
    const { total, histogram, timed, sum, min, max, levels, statuses, logTypes } = this;
    return { total, histogram, timed, sum, min, max, levels, statuses, logTypes };
  }

  add(r: SampleLogRecord): void {
    this.total++;
    this.levels.set(r.level, (this.levels.get(r.level) ?? 0) + 1);
    this.logTypes.set(r.log_type, (this.logTypes.get(r.log_type) ?? 0) + 1);
    if (r.status_code !== undefined) this.statuses.set(r.status_code, (this.statuses.get(r.status_code) ?? 0) + 1);
    const rt = r.response_time_ms;
    if (rt === undefined) return;
    this.timed++;
    this.sum += rt;
    if (rt < this.min) this.min = rt;
    if (rt > this.max) this.max = rt;
    this.histogram[Math.min(Math.round(rt * BINS_PER_MS), this.histogram.length - 1)]++;
  }

  percentile(p: number): number {
    const rank = Math.ceil((p / 100) * this.timed);
    let seen = 0;
    for (let i = 0; i < this.histogram.length; i++) {
      seen += this.histogram[i];
      if (seen >= rank && seen > 0) return i / BINS_PER_MS;
    }
    return 0;
  }

  format(seconds: number, format: string, file: string, bytes: number): string {
    const n = (x: number, digits = 0): string =>
      x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const pct = (c: number, of: number): string => `${n(c)} (${((100 * c) / Math.max(of, 1)).toFixed(1)}%)`;
    const byCount = <K>(m: Map<K, number>): Array<[K, number]> => [...m.entries()].sort((a, b) => b[1] - a[1]);
    const lines = [
      '=== Log Generation Statistics ===',
      `Total logs generated: ${n(this.total)}`,
      `Time taken: ${seconds.toFixed(2)} seconds`,
      `Logs per second: ${n(this.total / Math.max(seconds, 1e-9))}`,
      '',
      'File Details:',
      `- Format: ${format.toUpperCase()}`,
      `- Output: ${file}`,
      `- Size: ${(bytes / 1024 / 1024).toFixed(2)} MB`,
      '',
      `Response Time Distribution (${n(this.timed)} API logs):`,
      `- Min: ${n(this.timed ? this.min : 0, 2)} ms`,
      `- Max: ${n(this.timed ? this.max : 0, 2)} ms`,
      `- Average: ${n(this.timed ? this.sum / this.timed : 0, 2)} ms`,
      `- Median (P50): ${n(this.percentile(50), 2)} ms`,
      `- P95: ${n(this.percentile(95), 2)} ms`,
      `- P99: ${n(this.percentile(99), 2)} ms`,
      '',
      'Level Distribution:',
      ...byCount(this.levels).map(([k, c]) => `- ${k}: ${pct(c, this.total)}`),
      '',
      'Log Type Distribution:',
      ...byCount(this.logTypes).map(([k, c]) => `- ${k}: ${pct(c, this.total)}`),
      '',
      'Status Code Distribution (API logs):',
      ...this.statusClasses().map(([k, c]) => `- ${k}: ${pct(c, this.timed)}`),
      ...[...this.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([k, c]) => `    ${k}: ${pct(c, this.timed)}`),
    ];
    return lines.join('\n');
  }

  private statusClasses(): Array<[string, number]> {
    const classes = new Map<string, number>();
    for (const [code, c] of this.statuses) {
      const k = `${Math.floor(code / 100)}xx`;
      classes.set(k, (classes.get(k) ?? 0) + c);
    }
    return [...classes.entries()].sort();
  }
}
