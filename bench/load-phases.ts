// Pieces of the read/write load bench (run-load-bench.ts): ingest for a fixed time, and
// the mix of query shapes the searchers cycle through.

import { BenchHttpClient, HttpResponse, describeFailure } from './bench-http';
import { NdjsonBody, round } from './bench-ingest';
import { SEARCH_WORDS, SERVICES } from './sample-log-catalog';
import { TimeWindow } from './sample-log-generator';

export interface TimedIngest {
  accepted: number;
  requests: number;
  backoffs_429_503: number;
  seconds: number;
  records_per_s: number;
  request_p50_ms: number;
  request_p95_ms: number;
  request_max_ms: number;
}

export async function runUntil(stopAt: number, step: () => Promise<void>): Promise<void> {
  while (Date.now() < stopAt) await step();
}

/**
 * `clients` keep-alive clients POST bodies back to back until `durationMs` has passed.
 * `live` restamps every record with the send time, as a shipper's live traffic is.
 */
export async function timedIngest(http: BenchHttpClient, bodies: Iterator<NdjsonBody>, clients: number, durationMs: number, live = false): Promise<TimedIngest> {
  const backoffsBefore = http.backoffs;
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  const stopAt = Date.now() + durationMs;
  const client = () =>
    runUntil(stopAt, async () => {
      const body = bodies.next().value as NdjsonBody;
      const data = live ? Buffer.from(body.data.toString('utf8').replace(/"timestamp":"[^"]+"/g, `"timestamp":"${new Date().toISOString()}"`)) : body.data;
      const t = performance.now();
      const res = await http.requestWithBackoff('POST', '/api/logs/bulk', { headers: { 'Content-Type': 'application/x-ndjson' }, body: data });
      latencies.push(performance.now() - t);
      if (res.status < 200 || res.status >= 300) throw describeFailure('POST /api/logs/bulk', res);
      accepted += body.records;
    });
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  return {
    accepted,
    requests: latencies.length,
    backoffs_429_503: http.backoffs - backoffsBefore,
    seconds: round(seconds, 2),
    records_per_s: Math.round(accepted / seconds),
    request_p50_ms: percentile(latencies, 50),
    request_p95_ms: percentile(latencies, 95),
    request_max_ms: percentile(latencies, 100),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))], 1);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Twelve shapes a team's searchers send, 20–100 records a page. With `unique`, every
 * request's range ends `run` ms later than the last one's, so none is answered from the
 * server's cache: that measures the store. Without, the same requests come back (dashboards
 * refreshing, a team looking at the same incident), which measures the cache too. The
 * histogram and top endpoints cover the 7 days up to an hour before the data's end: a
 * settled range (docs/decisions/0016).
 */
export function loadQueryShapes(http: BenchHttpClient, window: TimeWindow, correlationIds: string[], unique = true) {
  const iso = (ms: number, run = 0) => new Date(ms + (unique ? run : 0)).toISOString();
  const all = (run: number) => ({ date_from: iso(window.startMs - DAY), date_to: iso(window.endMs + DAY, run) });
  const lastHours = (h: number, run: number) => ({ date_from: iso(window.endMs - h * HOUR), date_to: iso(window.endMs, run) });
  const week = (run: number) => `date_from=${encodeURIComponent(iso(window.endMs - 7 * DAY - HOUR))}&date_to=${encodeURIComponent(iso(window.endMs - HOUR, run))}`;
  const search = (body: object): Promise<HttpResponse> =>
    http.request('POST', '/api/search', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const shapes: Array<{ name: string; call: (run: number) => Promise<HttpResponse> }> = [
    { name: 'newest_50_1h', call: (r) => search({ ...lastHours(1, r), per_page: 50 }) },
    { name: 'newest_100_24h', call: (r) => search({ ...lastHours(24, r), per_page: 100 }) },
    { name: 'word_all_history', call: (r) => search({ q: SEARCH_WORDS[r % SEARCH_WORDS.length], ...all(r), per_page: 50 }) },
    { name: 'phrase_24h', call: (r) => search({ q: '"connection pool"', ...lastHours(24, r), per_page: 20 }) },
    { name: 'correlation_id', call: (r) => search({ q: `correlation_id:"${correlationIds[r % correlationIds.length]}"`, ...all(r) }) },
    { name: 'errors_5xx_count', call: (r) => search({ q: 'level:ERROR AND status_code:>=500', ...all(r), per_page: 20 }) },
    { name: 'service_6h', call: (r) => search({ q: `service:${SERVICES[r % SERVICES.length]}`, ...lastHours(6, r), per_page: 50 }) },
    { name: 'slow_requests_24h', call: (r) => search({ q: 'response_time_ms:>2000', ...lastHours(24, r), per_page: 100 }) },
    { name: 'endpoint_prefix_7d', call: (r) => search({ q: 'endpoint:/api/payments*', ...all(r), per_page: 50 }) },
    { name: 'histogram_7d', call: (r) => http.request('GET', `/api/charts/logs_per_hour?${week(r)}`) },
    { name: 'top_endpoints_7d', call: (r) => http.request('GET', `/api/charts/top_endpoints?${week(r)}&limit=10`) },
    { name: 'stats', call: (r) => http.request('GET', `/api/stats?${week(r)}`) },
  ];
  return shapes;
}
