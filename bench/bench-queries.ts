// The fixed query set: each query runs `warmup` times untimed, then `runs` times timed
// one after another; the report gives p50/p95/max latency in ms, the first answer's size,
// and the latency of an exact repeat (a cache hit where the server caches).

import { BenchHttpClient, HttpResponse, describeFailure, parseJson } from './bench-http';
import { round } from './bench-ingest';
import { SEARCH_WORDS } from './sample-log-catalog';
import { TimeWindow } from './sample-log-generator';

export interface QueryTiming {
  request: string;
  runs: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  /** The hit count of the first timed answer, when the answer says it. */
  total: number | null;
  /** p50 of the first timed request repeated: what a server-side query cache answers in. */
  repeated_p50_ms: number;
}

export interface QuerySetOptions {
  window: TimeWindow;
  correlationIds: string[];
  runs: number;
  warmup: number;
}

type Call = (run: number) => Promise<HttpResponse>;

const REPEATS = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Each run's request differs from every other (its range ends `run` ms later, which selects
 * the same data), so a query cache on the server never answers a timed run.
 */
export function querySet(client: BenchHttpClient, o: QuerySetOptions): Record<string, { request: string; call: Call }> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  // 10:00-11:00 UTC two days before the end: a peak hour, always inside the data.
  const hourFrom = Math.floor((o.window.endMs - 2 * DAY) / DAY) * DAY + 10 * HOUR;
  const hour = (run: number) => ({ date_from: iso(hourFrom), date_to: iso(hourFrom + HOUR + run) });
  // All history, said explicitly so a default time range on the server cannot shrink it.
  const all = (run: number) => ({ date_from: iso(o.window.startMs - DAY), date_to: iso(o.window.endMs + DAY + run) });
  const week = (run: number): string =>
    `date_from=${encodeURIComponent(iso(o.window.endMs - 7 * DAY))}&date_to=${encodeURIComponent(iso(o.window.endMs + run))}`;
  const post = (body: object): Promise<HttpResponse> =>
    client.request('POST', '/api/search', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return {
    newest_50_in_1h: {
      request: `POST /api/search ${JSON.stringify({ ...hour(0), per_page: 50 })}`,
      call: (run) => post({ ...hour(run), per_page: 50 }),
    },
    word_search_all_history: {
      request: `POST /api/search {q: one of ${SEARCH_WORDS.join('|')}, whole data range}`,
      call: (run) => post({ q: SEARCH_WORDS[run % SEARCH_WORDS.length], ...all(run) }),
    },
    histogram_hourly_7d: {
      request: `GET /api/charts/logs_per_hour?${week(0)}`,
      call: (run) => client.request('GET', `/api/charts/logs_per_hour?${week(run)}`),
    },
    top_10_endpoints_7d: {
      request: `GET /api/charts/top_endpoints?${week(0)}&limit=10`,
      call: (run) => client.request('GET', `/api/charts/top_endpoints?${week(run)}&limit=10`),
    },
    correlation_id_lookup: {
      request: 'POST /api/search {q: correlation_id:"<an ingested id>", whole data range}',
      call: (run) => post({ q: `correlation_id:"${o.correlationIds[run % o.correlationIds.length]}"`, ...all(run) }),
    },
  };
}

export async function timeQuery(name: string, request: string, call: Call, runs: number, warmup: number): Promise<QueryTiming> {
  for (let i = 0; i < warmup; i++) check(name, await call(runs + i));
  const ms: number[] = [];
  let total: number | null = null;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await call(i);
    ms.push(performance.now() - started);
    check(name, res);
    if (i === 0) total = hitCount(parseJson(res.body));
  }
  const repeated: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    check(name, await call(0));
    repeated.push(performance.now() - started);
  }
  return {
    request,
    runs,
    p50_ms: percentile(ms, 50),
    p95_ms: percentile(ms, 95),
    max_ms: percentile(ms, 100),
    total,
    repeated_p50_ms: percentile(repeated, 50),
  };
}

/** The p-th percentile (0–100) of `values`, nearest rank, rounded to 0.1. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))], 1);
}

function check(name: string, res: HttpResponse): void {
  if (res.status !== 200) throw describeFailure(name, res);
}

/** `total`, `total_hits`, `hits.total(.value)`, or the length of a returned array. */
function hitCount(data: unknown): number | null {
  if (Array.isArray(data)) return data.length;
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  for (const key of ['total', 'total_hits', 'count']) {
    const v = d[key];
    if (typeof v === 'number') return v;
    if (typeof v === 'object' && v !== null && typeof (v as { value?: unknown }).value === 'number') return (v as { value: number }).value;
  }
  if (typeof d.hits === 'object' && d.hits !== null) return hitCount(d.hits);
  for (const key of ['logs', 'results', 'data', 'buckets', 'endpoints']) if (Array.isArray(d[key])) return (d[key] as unknown[]).length;
  return null;
}
