// Shared by the store-level benches (bench-needle.ts, bench-storage.ts): the bench's generated
// records as the ingest pipeline stores them, and the peer bench's query shapes run through
// DuckDbLogReadStore.

import { DuckDbLogReadStore } from '../src/logs/duckdb/duckdb-log-read-store';
import { LEVELS, Level, LogRecord } from '../src/logs/log-record';
import { parseQuery } from '../src/logs/query/query-parser';
import { newId } from '../src/platform/ids';
import { median } from './peer-report';
import { SEARCH_WORDS } from './sample-log-catalog';
import { TimeWindow } from './sample-log-generator';
import { SampleLogRecord } from './sample-log-record';

export const BENCH_TENANT = 'bench';

export function toRecord(s: SampleLogRecord, ingestedAt: number): LogRecord {
  const level = (LEVELS as readonly string[]).includes(s.level) ? (s.level as Level) : 'INFO';
  return {
    id: newId(ingestedAt), timestamp: Date.parse(s.timestamp), ingestedAt, tenantId: BENCH_TENANT, level, message: s.message,
    service: s.service, server: s.server, environment: s.environment, logType: s.log_type, correlationId: s.correlation_id,
    traceId: s.trace_id, spanId: null, userId: s.user_id ?? null, clientIp: s.client_ip ?? null, method: s.method ?? null,
    endpoint: s.endpoint ?? null, statusCode: s.status_code ?? null, responseTimeMs: s.response_time_ms ?? null,
    userAgent: s.user_agent ?? null, sqlQuery: s.sql_query ?? null, queryDurationMs: s.query_duration_ms ?? null, tags: [],
    fileId: null, patternId: null, fields: s.account_id === undefined ? {} : { account_id: s.account_id },
  };
}

/** Values the needle queries look up, sampled from the generated records. */
export interface NeedleSamples {
  correlationIds: string[];
  userIds: string[];
}

export type StoreQuery = (run: number, reader: DuckDbLogReadStore) => Promise<number>;

/** The peer bench's query shapes (and a few needles), each giving back a count to compare. */
export function storeQueries(window: TimeWindow, samples: NeedleSamples): Record<string, StoreQuery> {
  const scope = (q: string) => ({ tenantId: BENCH_TENANT, query: parseQuery(q), from: window.startMs - 86_400_000, to: window.endMs + 86_400_000 });
  const { correlationIds, userIds } = samples;
  return {
    word_all_history: async (run, reader) => (await reader.search(scope(SEARCH_WORDS[run % SEARCH_WORDS.length]), { offset: 0, limit: 50, sort: 'desc' })).total,
    phrase: async (_run, reader) => (await reader.search(scope('"connection pool exhausted"'), { offset: 0, limit: 50, sort: 'desc' })).total,
    correlation_id: async (run, reader) => (await reader.search(scope(`correlation_id:"${correlationIds[run % correlationIds.length]}"`), { offset: 0, limit: 100, sort: 'desc' })).total,
    count_errors_5xx: async (_run, reader) => (await reader.search(scope('level:ERROR AND status_code:>=500'), { offset: 0, limit: 1, sort: 'desc' })).total,
    field_value_count: async (_run, reader) => reader.count(scope('service:payments AND method:POST')),
    user_id_count: async (run, reader) => reader.count(scope(`user_id:"${userIds[run % userIds.length]}"`)),
    histogram_hourly: async (_run, reader) => (await reader.histogram(scope(''), 3_600_000, false)).length,
    top_10_endpoints: async (_run, reader) => (await reader.topTerms(scope(''), 'endpoint', 10)).reduce((sum, t) => sum + t.count, 0),
    distinct_user_id: async (_run, reader) => (await reader.summary(scope(''))).uniqueUsers,
    newest_50: async (_run, reader) => (await reader.search({ ...scope(''), from: window.endMs - 3_600_000 }, { offset: 0, limit: 50, sort: 'desc' })).records.length,
  };
}

export type QueryTimes = Record<string, Record<string, { p50_ms: number; answer: number }>>;

/** p50 of each query on each reader after 2 warm-ups, the readers taking turns on every run (A B A B: the machine is shared). */
export async function timeQueries(queries: Record<string, StoreQuery>, readers: Record<string, DuckDbLogReadStore>, runs: number): Promise<QueryTimes> {
  const results: QueryTimes = {};
  for (const [name, run] of Object.entries(queries)) {
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(readers).map((r) => [r, []]));
    const answers: Record<string, number> = {};
    for (let i = -2; i < runs; i++) {
      for (const [label, reader] of Object.entries(readers)) {
        const started = performance.now();
        const got = await run(i + 2, reader);
        if (i < 0) continue;
        times[label].push(performance.now() - started);
        if (i === 0) answers[label] = got;
      }
    }
    results[name] = Object.fromEntries(Object.keys(readers).map((r) => [r, { p50_ms: Math.round(median(times[r]) * 10) / 10, answer: answers[r] }]));
  }
  return results;
}
