// The peer bench's table: one row per measure, one column per system, and Lognest's ratio to
// each peer (for rates, Lognest ÷ peer: above 1 is faster; for times, sizes and CPU, peer ÷
// Lognest: above 1 means Lognest needs less). Answers are compared per query.

import { round } from './bench-ingest';

export interface SystemResult {
  name: string;
  ingest_records_per_s: number;
  cpu_us_per_record: number;
  peak_rss_mb: number;
  idle_rss_mb: number;
  disk_bytes_per_record: number;
  query_p50_ms: Record<string, number>;
  answers: Record<string, number[]>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function peerTable(systems: SystemResult[], queries: string[]): string {
  const [lognest, ...peers] = systems;
  const ratio = (mine: number, theirs: number, higherIsBetter: boolean) =>
    `${round(higherIsBetter ? mine / theirs : theirs / mine, 2)}×`;
  const rows: Array<[string, (s: SystemResult) => number, boolean]> = [
    ['ingest, records/s (median of rounds)', (s) => s.ingest_records_per_s, true],
    ['server CPU per record, µs', (s) => s.cpu_us_per_record, false],
    ['peak RSS during ingest, MB', (s) => s.peak_rss_mb, false],
    ['idle RSS after ingest, MB', (s) => s.idle_rss_mb, false],
    ['disk, bytes/record', (s) => s.disk_bytes_per_record, false],
    ...queries.map((q): [string, (s: SystemResult) => number, boolean] => [`${q} p50, ms`, (s) => s.query_p50_ms[q], false]),
  ];
  const head = `| | ${systems.map((s) => s.name).join(' | ')} | ${peers.map((p) => `${lognest.name} vs ${p.name}`).join(' | ')} |`;
  const line = `|---|${systems.map(() => '---').join('|')}|${peers.map(() => '---').join('|')}|`;
  const body = rows.map(([label, get, higher]) =>
    `| ${label} | ${systems.map((s) => fmt(get(s))).join(' | ')} | ${peers.map((p) => ratio(get(lognest), get(p), higher)).join(' | ')} |`);
  const agree = queries.map((q) => {
    const firsts = systems.map((s) => s.answers[q]?.[0]);
    return `| ${q} answer (first run) | ${firsts.map(String).join(' | ')} | ${peers.map((p, i) => (firsts[i + 1] === firsts[0] ? 'same' : 'differs')).join(' | ')} |`;
  });
  return [head, line, ...body, ...agree].join('\n');
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : String(round(n, 1));
}
