// The three systems of the peer bench behind one interface: how a batch of NDJSON lines is
// sent (prepared before the clock starts), and the seven queries, each answering with the
// number the bench compares across systems (a hit count, a sum of buckets, a distinct count).

import { BenchHttpClient, HttpResponse, describeFailure, parseJson } from './bench-http';

export interface QueryWindow {
  from: number;
  to: number;
  lastHourFrom: number;
  word: (run: number) => string;
  correlationId: (run: number) => string;
}

export type QueryName = 'newest_50_last_hour' | 'word_all_history' | 'histogram_hourly' | 'top_10_endpoints' | 'correlation_id' | 'count_errors_5xx' | 'distinct_user_id';
export const QUERY_NAMES: QueryName[] = ['newest_50_last_hour', 'word_all_history', 'histogram_hourly', 'top_10_endpoints', 'correlation_id', 'count_errors_5xx', 'distinct_user_id'];

export interface PeerSystem {
  name: string;
  setup(): Promise<void>;
  prepare(lines: string[]): Buffer;
  send(body: Buffer): Promise<void>;
  /** Makes everything sent searchable and flushed (a no-op where a 2xx already means that). */
  settle(): Promise<void>;
  query(name: QueryName, w: QueryWindow, run: number): Promise<number>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ok = (what: string, res: HttpResponse): unknown => {
  if (res.status < 200 || res.status >= 300) throw describeFailure(what, res);
  return parseJson(res.body);
};
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function lognestSystem(http: BenchHttpClient): PeerSystem {
  const search = async (body: object) =>
    ok('lognest search', await http.request('POST', '/api/search', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })) as { total: number; results: unknown[] };
  const get = async (path: string) => ok(`lognest ${path}`, await http.request('GET', path)) as Record<string, unknown>;
  const range = (w: QueryWindow, run: number) => `date_from=${encodeURIComponent(iso(w.from))}&date_to=${encodeURIComponent(iso(w.to + run))}`;
  return {
    name: 'lognest',
    setup: async () => undefined,
    prepare: (lines) => Buffer.from(lines.join('\n') + '\n'),
    send: async (body) => void ok('lognest bulk', await http.requestWithBackoff('POST', '/api/logs/bulk', { headers: { 'Content-Type': 'application/x-ndjson' }, body })),
    settle: async () => undefined,
    async query(name, w, run) {
      const all = { date_from: iso(w.from), date_to: iso(w.to + run) };
      switch (name) {
        case 'newest_50_last_hour': return (await search({ date_from: iso(w.lastHourFrom), date_to: iso(w.to + run), per_page: 50 })).results.length;
        case 'word_all_history': return (await search({ q: w.word(run), ...all, per_page: 50 })).total;
        case 'histogram_hourly': return sum((await get(`/api/charts/logs_per_hour?${range(w, run)}`)).data as number[]);
        // Raw paths, as the peers count them (the default groups paths into learned route templates).
        case 'top_10_endpoints': return sum((await get(`/api/charts/top_endpoints?${range(w, run)}&group=path`)).data as number[]);
        case 'correlation_id': return (await search({ q: `correlation_id:"${w.correlationId(run)}"`, ...all, per_page: 100 })).total;
        case 'count_errors_5xx': return (await search({ q: 'level:ERROR AND status_code:>=500', ...all, per_page: 1 })).total;
        // The range's exact distinct count (GET /api/metrics/aggregate), as VictoriaLogs'
        // count_uniq; until 2026-12-04 this row timed all of /api/stats (its `unique_users`).
        case 'distinct_user_id': return (await get(`/api/metrics/aggregate?stat=unique_count&field=user_id&${range(w, run)}`)).value as number;
      }
    },
  };
}

const ES_INDEX = 'peer-logs';
const keyword = { type: 'keyword' };
/** An explicit mapping, as a team would write it for these logs (no dynamic text+keyword doubles). */
const ES_MAPPING = {
  settings: { number_of_shards: 1, number_of_replicas: 0 },
  mappings: {
    dynamic: false,
    properties: {
      timestamp: { type: 'date' }, log_type: keyword, level: keyword, message: { type: 'text' }, service: keyword,
      server: keyword, environment: keyword, correlation_id: keyword, trace_id: keyword, user_id: keyword,
      account_id: keyword, client_ip: keyword, method: keyword, endpoint: keyword, status_code: { type: 'integer' },
      response_time_ms: { type: 'double' }, user_agent: keyword, sql_query: { type: 'text' }, query_duration_ms: { type: 'double' },
    },
  },
};

export function elasticsearchSystem(http: BenchHttpClient): PeerSystem {
  const post = async (path: string, body: object) =>
    ok(`elasticsearch ${path}`, await http.request('POST', path, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })) as Record<string, any>;
  const inRange = (from: number, to: number) => ({ range: { timestamp: { gte: iso(from), lte: iso(to) } } });
  const search = (body: object) => post(`/${ES_INDEX}/_search`, body);
  return {
    name: 'elasticsearch',
    async setup() {
      ok('elasticsearch create index', await http.request('PUT', `/${ES_INDEX}`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ES_MAPPING) }));
    },
    prepare: (lines) => Buffer.from(lines.map((l) => `{"index":{}}\n${l}\n`).join('')),
    async send(body) {
      const res = await http.requestWithBackoff('POST', `/${ES_INDEX}/_bulk`, { headers: { 'Content-Type': 'application/x-ndjson' }, body });
      const data = ok('elasticsearch bulk', res) as { errors?: boolean };
      if (data.errors) throw new Error(`elasticsearch bulk reported item errors: ${res.body.toString('utf8').slice(0, 300)}`);
    },
    async settle() {
      for (const op of ['_refresh', '_flush']) ok(`elasticsearch ${op}`, await http.request('POST', `/${ES_INDEX}/${op}`));
    },
    async query(name, w, run) {
      const all = inRange(w.from, w.to + run);
      switch (name) {
        case 'newest_50_last_hour':
          return (await search({ size: 50, sort: [{ timestamp: 'desc' }], query: inRange(w.lastHourFrom, w.to + run) })).hits.hits.length;
        case 'word_all_history':
          return (await search({ size: 50, sort: [{ timestamp: 'desc' }], track_total_hits: true, query: { bool: { filter: [all], must: [{ match: { message: w.word(run) } }] } } })).hits.total.value;
        case 'histogram_hourly': {
          const r = await search({ size: 0, query: all, aggs: { h: { date_histogram: { field: 'timestamp', fixed_interval: '1h' } } } });
          return sum(r.aggregations.h.buckets.map((b: { doc_count: number }) => b.doc_count));
        }
        case 'top_10_endpoints': {
          const r = await search({ size: 0, query: all, aggs: { e: { terms: { field: 'endpoint', size: 10 }, aggs: { avg: { avg: { field: 'response_time_ms' } }, p95: { percentiles: { field: 'response_time_ms', percents: [95] } } } } } });
          return sum(r.aggregations.e.buckets.map((b: { doc_count: number }) => b.doc_count));
        }
        case 'correlation_id':
          return (await search({ size: 100, track_total_hits: true, query: { bool: { filter: [all, { term: { correlation_id: w.correlationId(run) } }] } } })).hits.total.value;
        case 'count_errors_5xx':
          return (await post(`/${ES_INDEX}/_count`, { query: { bool: { filter: [all, { term: { level: 'ERROR' } }, { range: { status_code: { gte: 500 } } }] } } })).count;
        case 'distinct_user_id':
          return (await search({ size: 0, query: all, aggs: { u: { cardinality: { field: 'user_id', precision_threshold: 40000 } } } })).aggregations.u.value;
      }
    },
  };
}

export function victoriaLogsSystem(http: BenchHttpClient): PeerSystem {
  const logsql = async (query: string): Promise<Record<string, string>[]> => {
    const res = await http.request('POST', '/select/logsql/query', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(query)}`,
    });
    if (res.status !== 200) throw describeFailure(`victorialogs ${query}`, res);
    return res.body.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  };
  const range = (from: number, to: number) => `_time:[${iso(from)}, ${iso(to)}]`;
  const one = async (query: string, field: string) => Number((await logsql(query))[0]?.[field] ?? 0);
  return {
    name: 'victorialogs',
    setup: async () => undefined,
    prepare: (lines) => Buffer.from(lines.join('\n') + '\n'),
    async send(body) {
      ok('victorialogs insert', await http.requestWithBackoff('POST', '/insert/jsonline?_time_field=timestamp&_msg_field=message&_stream_fields=service,server', { headers: { 'Content-Type': 'application/stream+json' }, body }));
    },
    async settle() {
      ok('victorialogs flush', await http.request('GET', '/internal/force_flush'));
    },
    async query(name, w, run) {
      const all = range(w.from, w.to + run);
      switch (name) {
        case 'newest_50_last_hour': return (await logsql(`${range(w.lastHourFrom, w.to + run)} | sort by (_time desc) | limit 50`)).length;
        case 'word_all_history': {
          // The page and the total, as the other two answer them in one request.
          const [, total] = await Promise.all([logsql(`${all} i(${w.word(run)}) | sort by (_time desc) | limit 50`), one(`${all} i(${w.word(run)}) | stats count() n`, 'n')]);
          return total;
        }
        case 'histogram_hourly': return sum((await logsql(`${all} | stats by (_time:1h) count() n`)).map((r) => Number(r.n)));
        case 'top_10_endpoints':
          return sum((await logsql(`${all} endpoint:* | stats by (endpoint) count() n, avg(response_time_ms) a, quantile(0.95, response_time_ms) p | sort by (n desc) | limit 10`)).map((r) => Number(r.n)));
        case 'correlation_id': return (await logsql(`${all} correlation_id:=${JSON.stringify(w.correlationId(run))} | limit 100`)).length;
        case 'count_errors_5xx': return one(`${all} level:=ERROR status_code:>=500 | stats count() n`, 'n');
        case 'distinct_user_id': return one(`${all} | stats count_uniq(user_id) n`, 'n');
      }
    },
  };
}
