import * as fs from 'node:fs';
import * as path from 'node:path';
import { newId } from '../platform/ids';
import { MetricKind, MetricPoint } from './log-metric';
import { LogReadStore } from './log-read-store';
import { CANONICAL_FIELDS, LogRecord } from './log-record';
import { AroundField, LogScope, Page } from './log-scope';
import { LogWriteStore } from './log-write-store';
import { InvalidQueryError } from './query/invalid-query-error';
import { parseQuery } from './query/query-parser';
import { QuerySyntaxError } from './query/query-syntax-error';
import { toStoredJson } from './stored-record';

export interface LogStoreUnderTest {
  write: LogWriteStore;
  read: LogReadStore;
  /** A directory the test may write spooled JSON-lines files into. */
  spoolDir: string;
  close(): Promise<void>;
}

const A = 'tenant-a';
const B = 'tenant-b';
const NOBODY = 'tenant-empty';
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

let lastIngestedAt = 0;

/**
 * A full record; the id comes from its ingest time, as the pipeline makes it. Ingest times
 * only grow, as a clock's do: newId repeats an id when the time it is given goes back.
 */
function logRecord(tenantId: string, timestamp: number, over: Partial<LogRecord> = {}): LogRecord {
  const ingestedAt = Math.max(over.ingestedAt ?? timestamp + 1000, lastIngestedAt + 1);
  lastIngestedAt = ingestedAt;
  return {
    level: 'INFO', message: 'nothing to see', service: null, server: null, environment: null, logType: null,
    correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null,
    statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [],
    fileId: null, patternId: null, fields: {}, ...over, id: newId(ingestedAt), timestamp, ingestedAt, tenantId,
  };
}

/** Tenant A's records, a1…a7 in time order, and tenant B's, which look alike on purpose. */
function fixtures() {
  const a = {
    a1: logRecord(A, T0, {
      level: 'ERROR', message: 'Connection timeout after 30s', service: 'auth', server: 'web-1', environment: 'prod',
      userId: 'u1', method: 'GET', endpoint: '/api/users', statusCode: 504, responseTimeMs: 300, tags: ['prod', 'beta'],
      fileId: 'file-1', correlationId: 'c-1', clientIp: '10.0.0.1', fields: { 'http.method': 'GET', duration: '120' },
      patternId: '0a1b2c3d4e5f',
    }),
    a2: logRecord(A, T0 + MIN, {
      level: 'WARNING', message: 'Request timed out: TIMEOUT=5', service: 'payment', server: 'web-2', userId: 'u2',
      endpoint: '/api/pay', statusCode: 200, responseTimeMs: 100, fileId: 'file-1', fields: { duration: '99' },
      patternId: '0a1b2c3d4e5f',
    }),
    a3: logRecord(A, T0 + 2 * MIN, {
      level: 'DEBUG', message: 'cache hit for key 50%_off', service: 'auth', server: 'web-1', endpoint: '/api/items', fileId: 'file-2',
    }),
    a4: logRecord(A, T0 + 3 * MIN, {
      level: 'INFO', message: 'Café ÉCOLE naïve — connection  reset by peer', service: 'auth', server: 'web-1', userId: 'u1',
      endpoint: '/api/users', statusCode: 500, responseTimeMs: 500, tags: ['prod'], fields: { 'http.method': 'POST' },
    }),
    a5: logRecord(A, T0 + 4 * MIN, {
      level: 'CRITICAL', message: 'timeouts everywhere; time-out', service: 'web', server: 'web-3', statusCode: 404,
      responseTimeMs: 200, sqlQuery: 'SELECT 1', queryDurationMs: 12.5, tags: ['edge'], fields: { note: '100%' },
    }),
    a7: logRecord(A, T0 + 5 * MIN, { level: 'TRACE', message: 'orphan line without service' }),
    a6: logRecord(A, T0 + HOUR, {
      level: 'INFO', message: 'user login ok', service: 'auth', server: 'web-1', userId: 'u3', endpoint: '/api/login',
      statusCode: 200, responseTimeMs: 50, fields: { 'http.method': 'GET' }, patternId: 'ffee00112233',
    }),
  };
  const b = {
    b1: logRecord(B, T0, {
      level: 'ERROR', message: 'Connection timeout in tenant b', service: 'auth', server: 'web-1', userId: 'ub',
      endpoint: '/api/users-b', statusCode: 504, responseTimeMs: 9000, tags: ['prod', 'b-only'], fileId: 'file-1',
      fields: { 'http.method': 'GET', bonly: 'x' }, patternId: '0a1b2c3d4e5f',
    }),
    b2: logRecord(B, T0 + 2 * MIN, {
      level: 'CRITICAL', message: 'timeout payment timed out', service: 'billing', server: 'web-1', userId: 'ub2',
      endpoint: '/api/pay', statusCode: 200, responseTimeMs: 1, tags: ['prod'],
    }),
  };
  const labels = new Map<string, string>([...Object.entries(a), ...Object.entries(b)].map(([label, r]) => [r.id, label]));
  return { a, b, labelOf: (r: LogRecord) => labels.get(r.id) ?? `?${r.id}` };
}

const ALL_A = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];

/** [query, labels of tenant A's records it matches]. Tenant B's records match many of them too. The live e2e replays these queries too. */
export const QUERY_CASES: Array<[string, string[]]> = [
  ['', ALL_A],
  ['*', ALL_A],
  ['-*', []],
  // words: whole words of message, case-insensitive
  ['timeout', ['a1', 'a2']],
  ['TimeOut', ['a1', 'a2']],
  ['message:timeout', ['a1', 'a2']],
  ['timeout connection', ['a1']],
  ['time', ['a5']],
  ['timeouts', ['a5']],
  ['caf', []],
  ['CAFÉ école', ['a4']],
  ['50%_off', ['a3']],
  // phrase, wildcard, regex
  ['"connection reset"', ['a4']],
  ['"timed OUT"', ['a2']],
  ['"reset peer"', []],
  // a phrase's words, whatever non-word characters separate them, in the text and the query (as Lucene)
  ['"connection, reset"', ['a4']],
  ['"naïve connection"', ['a4']],
  ['"everywhere time out"', ['a5']],
  ['"everywhere; time-out"', ['a5']],
  ['"time out"', ['a5']],
  ['"out timeout 5"', ['a2']],
  ['"timed out:"', ['a2']],
  ['"after 30"', []],
  ['"-"', []],
  ['time*', ['a1', 'a2', 'a5']],
  ['t?meout', ['a1', 'a2']],
  ['/tim(e|ed)out/', ['a1', 'a5']],
  ['NOT /tim(e|ed)out/', ['a2', 'a3', 'a4', 'a6', 'a7']],
  ['/(?i)^request/', ['a2']],
  ['/Caf\\pL ÉCOLE/', ['a4']],
  // level: aliases and severity order
  ['level:ERROR', ['a1']],
  ['level:warn', ['a2']],
  ['level:>=WARNING', ['a1', 'a2', 'a5']],
  ['level:[DEBUG TO INFO]', ['a3', 'a4', 'a6']],
  ['-level:DEBUG', ['a1', 'a2', 'a4', 'a5', 'a6', 'a7']],
  ['level:war*', ['a2']],
  ['level:/crit.*/', ['a5']],
  // keyword fields: exact and case-sensitive; NOT keeps records without the field
  ['service:auth', ['a1', 'a3', 'a4', 'a6']],
  ['service:Auth', []],
  ['-service:auth', ['a2', 'a5', 'a7']],
  ['service:(payment OR web)', ['a2', 'a5']],
  ['user_id:u1', ['a1', 'a4']],
  ['user_id:"u1"', ['a1', 'a4']],
  ['endpoint:/api/users', ['a1', 'a4']],
  ['endpoint:/api/*', ['a1', 'a2', 'a3', 'a4', 'a6']],
  ['endpoint:/\\/api\\/(users|pay)/', ['a1', 'a2', 'a4']],
  ['endpoint:/users/', []],
  // numbers
  ['status_code:500', ['a4']],
  ['status_code:>=500', ['a1', 'a4']],
  ['status_code >= 500', ['a1', 'a4']],
  ['-status_code:500', ['a1', 'a2', 'a3', 'a5', 'a6', 'a7']],
  ['status_code:(404 OR 200)', ['a2', 'a5', 'a6']],
  ['status_code:5*', ['a1', 'a4']],
  ['response_time_ms:[100 TO 300]', ['a1', 'a2', 'a5']],
  ['response_time_ms:{100 TO 300}', ['a5']],
  ['response_time_ms:<100', ['a6']],
  ['NOT response_time_ms:>100', ['a2', 'a3', 'a6', 'a7']],
  // @timestamp
  [`@timestamp:>=${iso(T0 + 3 * MIN)}`, ['a4', 'a5', 'a6', 'a7']],
  [`@timestamp:[${iso(T0 + MIN)} TO ${iso(T0 + 2 * MIN)}]`, ['a2', 'a3']],
  [`@timestamp:${T0}`, ['a1']],
  ['@timestamp:2024-05-01', ALL_A],
  ['@timestamp:<2024-05-01', []],
  // _exists_
  ['_exists_:sql_query', ['a5']],
  ['sql_query:*', ['a5']],
  ['-_exists_:status_code', ['a3', 'a7']],
  ['_exists_:tags', ['a1', 'a4', 'a5']],
  ['NOT _exists_:tags', ['a2', 'a3', 'a6', 'a7']],
  ['_exists_:http.method', ['a1', 'a4', 'a6']],
  ['_exists_:nope', []],
  // pattern ids given at ingest (src/patterns)
  ['pattern_id:0a1b2c3d4e5f', ['a1', 'a2']],
  ['pattern_id:(0a1b2c3d4e5f OR ffee00112233) -level:ERROR', ['a2', 'a6']],
  ['-pattern_id:0a1b2c3d4e5f', ['a3', 'a4', 'a5', 'a6', 'a7']],
  ['_exists_:pattern_id', ['a1', 'a2', 'a6']],
  ['pattern_id:0A1B2C3D4E5F', []],
  // extra fields (`fields`)
  ['http.method:GET', ['a1', 'a6']],
  ['-http.method:GET', ['a2', 'a3', 'a4', 'a5', 'a7']],
  ['http.method:P*', ['a4']],
  ['duration:>100', ['a1']],
  ['duration:[90 TO 100]', ['a2']],
  ['note:100%', ['a5']],
  // tags
  ['tags:prod', ['a1', 'a4']],
  ['-tags:prod', ['a2', 'a3', 'a5', 'a6', 'a7']],
  ['tags:b*', ['a1']],
  ['tags:/pro.?/', ['a1', 'a4']],
  ['tags:pro', []],
  // combinations
  ['(timeout OR café) -level:ERROR', ['a2', 'a4']],
  ['level:ERROR OR (service:auth AND NOT status_code:504)', ['a1', 'a3', 'a4', 'a6']],
  ['NOT (service:auth AND status_code:>=500)', ['a2', 'a3', 'a5', 'a6', 'a7']],
];

/** The behaviour every LogWriteStore + LogReadStore adapter (DuckDB, Elasticsearch, memory) must show. */
export function describeLogStoreContract(name: string, make: () => Promise<LogStoreUnderTest>) {
  describe(`LogStore contract: ${name}`, () => {
    const { a, b, labelOf } = fixtures();
    const scope = (query = '', tenantId = A, range: Partial<LogScope> = {}): LogScope => ({ tenantId, query: parseQuery(query), ...range });
    const labels = (records: LogRecord[]) => records.map(labelOf);
    const page = (over: Partial<Page> = {}): Page => ({ offset: 0, limit: 100, sort: 'asc', ...over });
    const streamed = async (store: LogStoreUnderTest, s: LogScope, sort: Page['sort'], size: number) => {
      const batches: LogRecord[][] = [];
      for await (const batch of store.read.stream(s, sort, size)) batches.push(batch);
      return batches;
    };

    describe('reads', () => {
      let store: LogStoreUnderTest;

      beforeAll(async () => {
        store = await make();
        await store.write.append(A, Object.values(a));
        const file = path.join(store.spoolDir, 'tenant-b.ndjson');
        fs.writeFileSync(file, Object.values(b).map(toStoredJson).join('\n') + '\n');
        await store.write.appendSpooled([{ tenantId: B, path: file, count: 2 }]);
      });

      afterAll(() => store.close());

      it('is healthy', async () => {
        expect(await store.read.healthy()).toBe(true);
      });

      it.each(QUERY_CASES)('search %s', async (query, expected) => {
        const { total, records } = await store.read.search(scope(query), page());
        expect(labels(records).sort()).toEqual(expected);
        expect(total).toBe(expected.length);
        expect(await store.read.count(scope(query))).toBe(expected.length);
      });

      it('rejects a value its field cannot hold and a regex the engine cannot compile', async () => {
        await expect(store.read.search(scope('status_code:abc'), page())).rejects.toBeInstanceOf(QuerySyntaxError);
        await expect(store.read.count(scope('@timestamp:yesterday'))).rejects.toBeInstanceOf(QuerySyntaxError);
        await expect(store.read.search(scope('/(unclosed/'), page())).rejects.toBeInstanceOf(InvalidQueryError);
      });

      it('keeps the time range inclusive at both ends', async () => {
        const { records } = await store.read.search(scope('', A, { from: T0 + MIN, to: T0 + 3 * MIN }), page());
        expect(labels(records)).toEqual(['a2', 'a3', 'a4']);
        expect(await store.read.count(scope('', A, { from: T0 + 5 * MIN }))).toBe(2);
        expect(await store.read.count(scope('', A, { to: T0 }))).toBe(1);
      });

      it('sorts by time either way, by another field with missing values last, and pages with an exact total', async () => {
        expect(labels((await store.read.search(scope(), page())).records)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a7', 'a6']);
        expect(labels((await store.read.search(scope(), page({ sort: 'desc' }))).records)).toEqual(['a6', 'a7', 'a5', 'a4', 'a3', 'a2', 'a1']);
        const byTime = await store.read.search(scope(), page({ sort: 'desc', sortField: 'response_time_ms' }));
        expect(labels(byTime.records)).toEqual(['a4', 'a1', 'a5', 'a2', 'a6', 'a7', 'a3']);
        const byService = await store.read.search(scope(), page({ sortField: 'service' }));
        expect(labels(byService.records)).toEqual(['a1', 'a3', 'a4', 'a6', 'a2', 'a5', 'a7']);
        const second = await store.read.search(scope(), page({ offset: 2, limit: 2 }));
        expect(second.total).toBe(7);
        expect(labels(second.records)).toEqual(['a3', 'a4']);
        const last = await store.read.search(scope(), page({ offset: 5, limit: 5 }));
        expect(last.total).toBe(7);
        expect(labels(last.records)).toEqual(['a7', 'a6']);
        const beyond = await store.read.search(scope(), page({ offset: 10, limit: 5 }));
        expect(beyond).toEqual({ total: 7, records: [] });
      });

      it('pages a text search in time order either way with an exact total', async () => {
        const text = scope('NOT /tim(e|ed)out/');
        expect(labels((await store.read.search(text, page())).records)).toEqual(['a2', 'a3', 'a4', 'a7', 'a6']);
        expect(labels((await store.read.search(text, page({ sort: 'desc' }))).records)).toEqual(['a6', 'a7', 'a4', 'a3', 'a2']);
        const second = await store.read.search(text, page({ sort: 'desc', offset: 1, limit: 2 }));
        expect(second.total).toBe(5);
        expect(labels(second.records)).toEqual(['a7', 'a4']);
        const last = await store.read.search(scope('time*'), page({ offset: 2, limit: 2 }));
        expect(last.total).toBe(3);
        expect(labels(last.records)).toEqual(['a5']);
        expect(await store.read.search(text, page({ offset: 5, limit: 3 }))).toEqual({ total: 5, records: [] });
        expect(await store.read.search(scope('"reset peer"'), page({ sort: 'desc' }))).toEqual({ total: 0, records: [] });
      });

      it('returns records exactly as written', async () => {
        expect((await store.read.search(scope('level:ERROR'), page())).records).toEqual([a.a1]);
        expect(await store.read.get(A, a.a5.id)).toEqual(a.a5);
        expect(await store.read.get(A, a.a7.id)).toEqual(a.a7);
      });

      it('gets a record of its own tenant only', async () => {
        expect(await store.read.get(A, a.a1.id)).toEqual(a.a1);
        expect(await store.read.get(B, a.a1.id)).toBeNull();
        expect(await store.read.get(A, b.b1.id)).toBeNull();
        expect(await store.read.get(A, newId(T0))).toBeNull();
        expect(await store.read.get(A, 'not-an-id')).toBeNull();
      });

      it('finds the neighbours of a record from the same service and server, in time order', async () => {
        const around = await store.read.around(A, a.a4.id, 5, 5);
        expect(around?.record).toEqual(a.a4);
        expect(labels(around!.before)).toEqual(['a1', 'a3']);
        expect(labels(around!.after)).toEqual(['a6']);
        const near = await store.read.around(A, a.a3.id, 1, 1);
        expect(labels(near!.before)).toEqual(['a1']);
        expect(labels(near!.after)).toEqual(['a4']);
        const none = await store.read.around(A, a.a4.id, 0, 0);
        expect(none).toEqual({ record: a.a4, before: [], after: [] });
        const alone = await store.read.around(A, a.a7.id, 3, 3);
        expect(alone).toEqual({ record: a.a7, before: [], after: [] });
        expect(await store.read.around(B, a.a4.id, 5, 5)).toBeNull();
        expect(await store.read.around(A, newId(T0), 5, 5)).toBeNull();
      });

      it('counts a query within a time range', async () => {
        expect(await store.read.count(scope('level:>=WARNING'))).toBe(3);
        expect(await store.read.count(scope('timeout', A, { from: T0 + MIN }))).toBe(1);
        expect(await store.read.count(scope('timeout', B))).toBe(2);
      });

      it('buckets a histogram by interval start, optionally split by level', async () => {
        expect(await store.read.histogram(scope(), HOUR, false)).toEqual([
          { start: T0, count: 6 },
          { start: T0 + HOUR, count: 1 },
        ]);
        expect(await store.read.histogram(scope(), 5 * MIN, false)).toEqual([
          { start: T0, count: 5 },
          { start: T0 + 5 * MIN, count: 1 },
          { start: T0 + HOUR, count: 1 },
        ]);
        const split = await store.read.histogram(scope('service:auth'), HOUR, true);
        expect(split.map((h) => h.start)).toEqual([...split.map((h) => h.start)].sort((x, y) => x - y));
        const key = (h: { start: number; level?: string }) => `${h.start} ${h.level}`;
        expect([...split].sort((x, y) => key(x).localeCompare(key(y)))).toEqual([
          { start: T0, level: 'DEBUG', count: 1 },
          { start: T0, level: 'ERROR', count: 1 },
          { start: T0, level: 'INFO', count: 1 },
          { start: T0 + HOUR, level: 'INFO', count: 1 },
        ]);
        expect(await store.read.histogram(scope('level:ERROR', A, { from: T0 + MIN }), HOUR, true)).toEqual([]);
      });

      it('gives per-interval volume, errors, p95 and median response time and distinct users, optionally per service', async () => {
        const five = await store.read.metricSeries(scope(), 5 * MIN, false);
        expect(five.map(({ p95ResponseTimeMs, medianResponseTimeMs, timed, ...rest }) => rest)).toEqual([
          { start: T0, count: 5, errors: 2, users: 2 },
          { start: T0 + 5 * MIN, count: 1, errors: 0, users: 0 },
          { start: T0 + HOUR, count: 1, errors: 0, users: 1 },
        ]);
        // Elasticsearch's percentiles are estimates: between the two largest of 100, 200, 300, 500.
        expect(five[0].p95ResponseTimeMs).toBeGreaterThanOrEqual(300);
        expect(five[0].p95ResponseTimeMs).toBeLessThanOrEqual(500);
        expect(five[1].p95ResponseTimeMs).toBeNull();
        expect(five[2].p95ResponseTimeMs).toBe(50);
        // The median of 100, 200, 300, 500 (a3 has no response time): 250, interpolated.
        expect(five.map((b) => [b.timed, b.medianResponseTimeMs])).toEqual([[4, 250], [0, null], [1, 50]]);
        const perService = await store.read.metricSeries(scope(), HOUR, true);
        expect(perService.map((b) => [b.start, b.service, b.count, b.errors, b.users])).toEqual([
          [T0, null, 1, 0, 0],
          [T0, 'auth', 3, 1, 1],
          [T0, 'payment', 1, 0, 1],
          [T0, 'web', 1, 1, 0],
          [T0 + HOUR, 'auth', 1, 0, 1],
        ]);
        expect(perService[2].p95ResponseTimeMs).toBe(100);
        expect(perService[0].p95ResponseTimeMs).toBeNull();
        // auth's first hour: 300 and 500 (a3 has none) → 400; the 1 ms and 9,000 ms of tenant B are not counted.
        expect(perService.map((b) => [b.service, b.timed, b.medianResponseTimeMs])).toEqual([
          [null, 0, null], ['auth', 2, 400], ['payment', 1, 100], ['web', 1, 200], ['auth', 1, 50],
        ]);
        const auth = await store.read.metricSeries(scope('service:auth', A, { from: T0 + MIN }), MIN, true);
        expect(auth.map((b) => [b.start, b.service, b.count])).toEqual([[T0 + 2 * MIN, 'auth', 1], [T0 + 3 * MIN, 'auth', 1], [T0 + HOUR, 'auth', 1]]);
        expect(await store.read.metricSeries(scope('', B), HOUR, false)).toEqual([
          { start: T0, count: 2, errors: 2, users: 2, p95ResponseTimeMs: expect.any(Number), medianResponseTimeMs: expect.any(Number), timed: 2 },
        ]);
      });

      it('ranks top terms by count, with response-time statistics', async () => {
        const terms = await store.read.topTerms(scope(), 'service', 10);
        expect(terms.map((t) => [t.value, t.count])).toEqual([['auth', 4], ['payment', 1], ['web', 1]]);
        const auth = terms[0];
        expect(auth.avgResponseTimeMs).toBeCloseTo(850 / 3, 6);
        expect(auth.p95ResponseTimeMs).toBeGreaterThanOrEqual(300);
        expect(auth.p95ResponseTimeMs).toBeLessThanOrEqual(500);
        expect(terms[1]).toMatchObject({ value: 'payment', avgResponseTimeMs: 100, p95ResponseTimeMs: 100 });
        expect((await store.read.topTerms(scope(), 'service', 1)).map((t) => t.value)).toEqual(['auth']);
        const errors = await store.read.topTerms(scope('level:>=WARNING'), 'service', 10);
        expect(errors.map((t) => [t.value, t.count])).toEqual([['auth', 1], ['payment', 1], ['web', 1]]);
        const status = await store.read.topTerms(scope(), 'status_code', 10);
        expect(status[0]).toMatchObject({ value: '200', count: 2 });
      });

      it('ranks top terms by mean response time, missing times last', async () => {
        const terms = await store.read.topTerms(scope(), 'endpoint', 10, 'avg_response');
        expect(terms.map((t) => t.value)).toEqual(['/api/users', '/api/pay', '/api/login', '/api/items']);
        expect(terms[0]).toMatchObject({ count: 2, avgResponseTimeMs: 400 });
        expect(terms[3]).toMatchObject({ count: 1, avgResponseTimeMs: null, p95ResponseTimeMs: null });
      });

      it('ranks top terms of an extra field and of tags', async () => {
        const methods = await store.read.topTerms(scope(), 'http.method', 10);
        expect(methods.map((t) => [t.value, t.count])).toEqual([['GET', 2], ['POST', 1]]);
        const tags = await store.read.topTerms(scope(), 'tags', 10);
        expect(tags.map((t) => [t.value, t.count])).toEqual([['prod', 2], ['beta', 1], ['edge', 1]]);
      });

      it('summarizes a scope', async () => {
        expect(await store.read.summary(scope())).toEqual({
          total: 7, errors: 2, avgResponseTimeMs: 230, uniqueUsers: 3, services: 3, latestAt: T0 + HOUR,
        });
        expect(await store.read.summary(scope('', A, { to: T0 + 4 * MIN }))).toMatchObject({ total: 5, latestAt: T0 + 4 * MIN });
        expect(await store.read.summary(scope('level:TRACE'))).toEqual({
          total: 1, errors: 0, avgResponseTimeMs: null, uniqueUsers: 0, services: 0, latestAt: T0 + 5 * MIN,
        });
        expect(await store.read.summary(scope('-*'))).toEqual({
          total: 0, errors: 0, avgResponseTimeMs: null, uniqueUsers: 0, services: 0, latestAt: null,
        });
      });

      it('computes alert metrics over a scope: count, error rate, avg, p95, max, unique count', async () => {
        const one = async (kind: MetricKind, query = '', field?: string, range: Partial<LogScope> = {}) => {
          const points = await store.read.metric(scope(query, A, range), { kind, field });
          expect(points).toHaveLength(1);
          expect(points[0]).toMatchObject({ start: null, group: null });
          return points[0];
        };
        expect(await one('count')).toEqual({ start: null, group: null, count: 7, value: 7 });
        expect((await one('count', '', undefined, { to: T0 + 4 * MIN })).value).toBe(5);
        expect((await one('error_rate')).value).toBeCloseTo(200 / 7, 6);
        expect((await one('avg', '', 'response_time_ms')).value).toBeCloseTo(230, 6);
        expect((await one('max', '', 'response_time_ms')).value).toBe(500);
        expect((await one('max', '', 'status_code')).value).toBe(504);
        const p95 = (await one('p95', '', 'response_time_ms')).value!;
        expect(p95).toBeGreaterThanOrEqual(300);
        expect(p95).toBeLessThanOrEqual(500);
        expect((await one('p95', 'service:payment', 'response_time_ms')).value).toBe(100);
        expect((await one('unique_count', '', 'user_id')).value).toBe(3);
        // Over no records: a count of 0, and no value where there is nothing to average.
        expect(await one('count', '-*')).toEqual({ start: null, group: null, count: 0, value: 0 });
        expect((await one('error_rate', '-*')).value).toBeNull();
        expect((await one('avg', 'level:DEBUG', 'response_time_ms')).value).toBeNull();
        expect((await one('unique_count', '-*', 'user_id')).value).toBe(0);
      });

      it('computes alert metrics per group and per time bucket, most frequent groups first', async () => {
        const rows = (points: MetricPoint[]) => points.map((p) => [p.start, p.group, p.count, p.value]);
        expect(rows(await store.read.metric(scope(), { kind: 'count', groupBy: 'service' }))).toEqual([
          [null, 'auth', 4, 4], [null, 'payment', 1, 1], [null, 'web', 1, 1],
        ]);
        expect(rows(await store.read.metric(scope(), { kind: 'error_rate', groupBy: 'service' }))).toEqual([
          [null, 'auth', 4, 25], [null, 'payment', 1, 0], [null, 'web', 1, 100],
        ]);
        expect(rows(await store.read.metric(scope(), { kind: 'avg', field: 'response_time_ms', groupBy: 'http.method' }))).toEqual([
          [null, 'GET', 2, 175], [null, 'POST', 1, 500],
        ]);
        expect(rows(await store.read.metric(scope(), { kind: 'count', groupBy: 'service', groupLimit: 1 }))).toEqual([[null, 'auth', 4, 4]]);
        expect(rows(await store.read.metric(scope(), { kind: 'count', intervalMs: HOUR }))).toEqual([[T0, null, 6, 6], [T0 + HOUR, null, 1, 1]]);
        expect(rows(await store.read.metric(scope(), { kind: 'max', field: 'response_time_ms', intervalMs: HOUR, groupBy: 'service' }))).toEqual([
          [T0, 'auth', 3, 500], [T0, 'payment', 1, 100], [T0, 'web', 1, 200], [T0 + HOUR, 'auth', 1, 50],
        ]);
        expect(await store.read.metric(scope('-*'), { kind: 'count', groupBy: 'service' })).toEqual([]);
        // Tenant B's look-alike records are its own.
        expect(rows(await store.read.metric(scope('', B), { kind: 'count', groupBy: 'service' }))).toEqual([[null, 'auth', 1, 1], [null, 'billing', 1, 1]]);
        expect(rows(await store.read.metric(scope('', NOBODY), { kind: 'count' }))).toEqual([[null, null, 0, 0]]);
      });

      it('suggests values by prefix, message by substring, most frequent first', async () => {
        expect(await store.read.suggest(A, 'endpoint', '/api/u', 10)).toEqual(['/api/users']);
        const endpoints = await store.read.suggest(A, 'endpoint', '/api/', 10);
        expect(endpoints[0]).toBe('/api/users');
        expect([...endpoints].sort()).toEqual(['/api/items', '/api/login', '/api/pay', '/api/users']);
        expect(await store.read.suggest(A, 'endpoint', '/api/', 2)).toHaveLength(2);
        expect(await store.read.suggest(A, 'endpoint', 'api', 10)).toEqual([]);
        expect(await store.read.suggest(A, 'service', '', 10)).toEqual(['auth', 'payment', 'web']);
        expect((await store.read.suggest(A, 'message', 'timeout', 10)).sort()).toEqual([
          'Connection timeout after 30s', 'Request timed out: TIMEOUT=5', 'timeouts everywhere; time-out',
        ]);
        expect(await store.read.suggest(A, 'message', '50%', 10)).toEqual(['cache hit for key 50%_off']);
        expect(await store.read.suggest(A, 'message', '5_%', 10)).toEqual([]);
        expect(await store.read.suggest(A, 'http.method', '', 10)).toEqual(['GET', 'POST']);
        expect(await store.read.suggest(A, 'tags', 'pr', 10)).toEqual(['prod']);
        expect(await store.read.suggest(A, 'tags', '', 10)).toEqual(['prod', 'beta', 'edge']);
      });

      it('lists the canonical fields with types, counts and top values, then the extra keys', async () => {
        const fields = await store.read.fields(scope(), 5);
        const canonical = Object.entries(CANONICAL_FIELDS);
        expect(fields.slice(0, canonical.length).map((f) => [f.name, f.type])).toEqual(canonical.map(([n, f]) => [n, f.type]));
        expect(fields.slice(canonical.length).map((f) => [f.name, f.type, f.count])).toEqual([
          ['duration', 'keyword', 2], ['http.method', 'keyword', 3], ['note', 'keyword', 1],
        ]);
        const field = (n: string) => fields.find((f) => f.name === n)!;
        const of = (n: string) => field(n).topValues;
        expect(of('service')).toEqual([{ value: 'auth', count: 4 }, { value: 'payment', count: 1 }, { value: 'web', count: 1 }]);
        expect(field('service').count).toBe(6);
        expect(of('level')[0]).toEqual({ value: 'INFO', count: 2 });
        expect(of('level')).toHaveLength(5);
        expect(field('level').count).toBe(7);
        expect(of('http.method')).toEqual([{ value: 'GET', count: 2 }, { value: 'POST', count: 1 }]);
        expect(of('endpoint')[0]).toEqual({ value: '/api/users', count: 2 });
        expect(of('status_code')[0]).toEqual({ value: '200', count: 2 });
        expect(of('tags')).toEqual([{ value: 'prod', count: 2 }, { value: 'beta', count: 1 }, { value: 'edge', count: 1 }]);
        expect(field('tags').count).toBe(3);
        expect(of('message')).toEqual([]);
        expect(field('message').count).toBe(7);
        expect(of('id')).toEqual([]);
      });

      it('counts fields and values over the matching records only, exactly', async () => {
        const fields = await store.read.fields(scope('service:auth'), 2);
        const field = (n: string) => fields.find((f) => f.name === n)!;
        expect(fields.slice(Object.keys(CANONICAL_FIELDS).length).map((f) => f.name)).toEqual(['duration', 'http.method']);
        expect(field('service')).toMatchObject({ count: 4, topValues: [{ value: 'auth', count: 4 }] });
        expect(field('http.method')).toMatchObject({ count: 3, topValues: [{ value: 'GET', count: 2 }, { value: 'POST', count: 1 }] });
        expect(field('status_code')).toMatchObject({ count: 3, topValues: [{ value: '200', count: 1 }, { value: '500', count: 1 }] });
        expect(field('sql_query').count).toBe(0);
        const late = await store.read.fields(scope('', A, { from: T0 + HOUR }), 5);
        expect(late.slice(Object.keys(CANONICAL_FIELDS).length).map((f) => f.name)).toEqual(['http.method']);
        expect(late.find((f) => f.name === 'level')).toMatchObject({ count: 1, topValues: [{ value: 'INFO', count: 1 }] });
        const namesOnly = await store.read.fields(scope(), 0);
        expect(namesOnly.every((f) => f.topValues.length === 0)).toBe(true);
        expect(namesOnly.find((f) => f.name === 'service')!.count).toBe(6);
      });

      it('streams every matching record in order, in batches', async () => {
        const asc = await streamed(store, scope(), 'asc', 3);
        expect(asc.map((batch) => batch.length)).toEqual([3, 3, 1]);
        expect(labels(asc.flat())).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a7', 'a6']);
        expect(asc.flat()[0]).toEqual(a.a1);
        const desc = await streamed(store, scope('service:auth'), 'desc', 2);
        expect(desc.map((batch) => batch.length)).toEqual([2, 2]);
        expect(labels(desc.flat())).toEqual(['a6', 'a4', 'a3', 'a1']);
        expect(labels((await streamed(store, scope('', A, { from: T0 + HOUR }), 'asc', 10)).flat())).toEqual(['a6']);
        expect(await streamed(store, scope('-*'), 'asc', 10)).toEqual([]);
      });

      it('never shows, counts or suggests another tenant’s records', async () => {
        const everything = scope('', NOBODY);
        expect(await store.read.search(everything, page())).toEqual({ total: 0, records: [] });
        expect(await store.read.count(everything)).toBe(0);
        expect(await store.read.histogram(everything, HOUR, true)).toEqual([]);
        expect(await store.read.metricSeries(everything, MIN, true)).toEqual([]);
        expect(await store.read.topTerms(everything, 'service', 10)).toEqual([]);
        expect(await store.read.topTerms(everything, 'tags', 10)).toEqual([]);
        expect(await store.read.summary(everything)).toEqual({
          total: 0, errors: 0, avgResponseTimeMs: null, uniqueUsers: 0, services: 0, latestAt: null,
        });
        expect(await store.read.suggest(NOBODY, 'service', '', 10)).toEqual([]);
        expect(await store.read.suggest(NOBODY, 'message', 'timeout', 10)).toEqual([]);
        const fields = await store.read.fields(everything, 5);
        expect(fields.map((f) => f.name)).toEqual(Object.keys(CANONICAL_FIELDS));
        expect(fields.every((f) => f.topValues.length === 0 && f.count === 0)).toBe(true);
        expect(await streamed(store, everything, 'asc', 10)).toEqual([]);
        expect(await store.read.get(NOBODY, a.a1.id)).toBeNull();
        expect(await store.read.around(NOBODY, a.a1.id, 5, 5)).toBeNull();

        const ofB = await store.read.search(scope('', B), page());
        expect(labels(ofB.records)).toEqual(['b1', 'b2']);
        expect(await store.read.summary(scope('', B))).toMatchObject({ total: 2, errors: 2, uniqueUsers: 2, services: 2 });
        expect(await store.read.suggest(B, 'endpoint', '/api/', 10)).toEqual(expect.arrayContaining(['/api/users-b', '/api/pay']));
        expect(await store.read.suggest(B, 'endpoint', '/api/', 10)).toHaveLength(2);
        expect((await store.read.fields(scope('', B), 5)).slice(-2).map((f) => f.name)).toEqual(['bonly', 'http.method']);
        expect((await store.read.fields(scope('', B), 5)).find((f) => f.name === 'service')).toMatchObject({ count: 2 });
        expect(labels((await streamed(store, scope('timeout', B), 'asc', 1)).flat())).toEqual(['b1', 'b2']);
        // b1 shares its service and server with a1, a3, a4 and a6, which are tenant A's.
        expect(await store.read.around(B, b.b1.id, 5, 5)).toEqual({ record: b.b1, before: [], after: [] });
      });
    });

    describe('writes', () => {
      let store: LogStoreUnderTest;

      beforeEach(async () => {
        store = await make();
      });

      afterEach(() => store.close());

      const spool = (name: string, records: LogRecord[]) => {
        const file = path.join(store.spoolDir, name);
        fs.writeFileSync(file, records.map(toStoredJson).join('\n') + '\n');
        return { path: file, count: records.length };
      };

      it('makes appended records visible, under the batch tenant', async () => {
        const mine = logRecord(A, T0, { message: 'first', tags: ['x'], fields: { k: 'v' } });
        const smuggled = logRecord('tenant-x', T0 + 1, { message: 'second' });
        await store.write.append(A, [mine, smuggled]);
        await store.write.append(A, []);
        expect(await store.read.count(scope())).toBe(2);
        expect(await store.read.get(A, mine.id)).toEqual(mine);
        expect(await store.read.get(A, smuggled.id)).toEqual({ ...smuggled, tenantId: A });
        expect(await store.read.get('tenant-x', smuggled.id)).toBeNull();
        expect(await store.read.count(scope('', 'tenant-x'))).toBe(0);
      });

      it('makes spooled batches visible, each under its batch tenant', async () => {
        const one = [logRecord(B, T0, { message: 'from spool one' }), logRecord(B, T0 + 1, { level: 'ERROR', message: 'again' })];
        const two = [logRecord(B, T0 + 2, { message: 'from spool two', userId: 'u9', statusCode: 201, responseTimeMs: 1.5 })];
        const other = [logRecord(A, T0 + 3, { message: 'from spool three', tags: ['t'], fields: { 'a.b': 'c' } })];
        await store.write.appendSpooled([
          { tenantId: A, ...spool('one.ndjson', one) },
          { tenantId: A, ...spool('two.ndjson', two) },
          { tenantId: B, ...spool('three.ndjson', other) },
        ]);
        await store.write.appendSpooled([]);
        expect(await store.read.count(scope('from spool'))).toBe(2);
        expect(await store.read.count(scope())).toBe(3);
        expect(await store.read.get(A, two[0].id)).toEqual({ ...two[0], tenantId: A });
        expect(await store.read.get(B, one[0].id)).toBeNull();
        expect(await store.read.get(B, other[0].id)).toEqual({ ...other[0], tenantId: B });
        expect(await store.read.count(scope('a.b:c', B))).toBe(1);
      });

      it('deletes the records of one file of one tenant', async () => {
        await store.write.append(A, [
          logRecord(A, T0, { fileId: 'file-1' }),
          logRecord(A, T0 + 1, { fileId: 'file-1' }),
          logRecord(A, T0 + 2, { fileId: 'file-2' }),
          logRecord(A, T0 + 3),
        ]);
        await store.write.append(B, [logRecord(B, T0, { fileId: 'file-1' })]);
        expect(await store.write.deleteByFile(A, 'file-1')).toBe(2);
        expect(await store.write.deleteByFile(A, 'file-1')).toBe(0);
        expect(await store.write.deleteByFile(A, 'missing')).toBe(0);
        expect(await store.read.count(scope())).toBe(2);
        expect(await store.read.count(scope('file_id:file-1', B))).toBe(1);
        expect(await store.read.topTerms(scope(), 'file_id', 10)).toEqual([expect.objectContaining({ value: 'file-2', count: 1 })]);
      });

      it('deletes a tenant\'s records older than a time (retention) and reports its usage', async () => {
        await store.write.append(A, [logRecord(A, T0 - 2 * MIN), logRecord(A, T0 - MIN), logRecord(A, T0), logRecord(A, T0 + MIN)]);
        await store.write.append(B, [logRecord(B, T0 - 2 * MIN)]);
        const before = await store.write.usage(A);
        expect(before).toMatchObject({ records: 4, oldest: T0 - 2 * MIN });
        expect(before.bytes).toBeGreaterThanOrEqual(0);
        expect(await store.write.deleteOlderThan(A, T0)).toBe(2);
        expect(await store.write.deleteOlderThan(A, T0)).toBe(0);
        expect(await store.read.count(scope())).toBe(2);
        expect(await store.write.usage(A)).toMatchObject({ records: 2, oldest: T0 });
        expect(await store.write.usage(B)).toMatchObject({ records: 1, oldest: T0 - 2 * MIN });
        expect(await store.write.usage('nobody')).toEqual({ records: 0, oldest: null, bytes: 0 });
      });

      it('deletes every record of a deleted tenant, and only of that tenant', async () => {
        await store.write.append(A, [logRecord(A, T0), logRecord(A, T0 + 1, { fileId: 'file-1' }), logRecord(A, T0 - DAY)]);
        await store.write.append(B, [logRecord(B, T0)]);
        expect(await store.write.deleteTenant(A)).toBe(3);
        expect(await store.write.deleteTenant(A)).toBe(0);
        expect(await store.read.count(scope())).toBe(0);
        expect(await store.write.usage(A)).toEqual({ records: 0, oldest: null, bytes: expect.any(Number) });
        expect(await store.read.count(scope('', B))).toBe(1);
      });

      it('finds neighbours only where both service and server match, a missing one matching a missing one', async () => {
        const at = (i: number, service: string | null, server: string | null) => logRecord(A, T0 + i * MIN, { service, server, message: `m${i}` });
        const records = [
          at(0, 'api', 'h1'), at(1, 'api', 'h2'), at(2, 'db', 'h1'), at(3, 'api', 'h1'), at(4, null, 'h1'), at(5, 'api', null),
          at(6, 'api', 'h1'), at(7, null, null), at(8, null, null),
        ];
        await store.write.append(A, records);
        await store.write.append(B, [logRecord(B, T0 + 2 * MIN, { service: 'api', server: 'h1' })]);
        const around = await store.read.around(A, records[3].id, 10, 10);
        expect(around!.before.map((r) => r.message)).toEqual(['m0']);
        expect(around!.after.map((r) => r.message)).toEqual(['m6']);
        const missing = await store.read.around(A, records[7].id, 10, 10);
        expect(missing!.after.map((r) => r.message)).toEqual(['m8']);
        expect(missing!.before).toEqual([]);
      });

      it('finds neighbours that share the fields asked for: service, server, file, or none (all records)', async () => {
        const at = (i: number, service: string | null, server: string | null, fileId: string | null) =>
          logRecord(A, T0 + i * MIN, { service, server, fileId, message: `m${i}` });
        const records = [
          at(0, 'api', 'h1', 'f1'), at(1, 'api', 'h2', 'f2'), at(2, 'db', 'h1', 'f1'), at(3, 'api', 'h1', 'f1'),
          at(4, null, 'h1', null), at(5, 'api', null, 'f2'), at(6, 'db', 'h2', 'f1'), at(7, 'api', 'h1', null),
        ];
        await store.write.append(A, records);
        await store.write.append(B, [logRecord(B, T0 + 2 * MIN, { service: 'api', server: 'h1', fileId: 'f1', message: 'b' })]);
        const messages = async (same: AroundField[], id = records[3].id, before = 10, after = 10) => {
          const found = await store.read.around(A, id, before, after, same);
          return [found!.before.map((r) => r.message), found!.after.map((r) => r.message)];
        };
        expect(await messages(['service'])).toEqual([['m0', 'm1'], ['m5', 'm7']]);
        expect(await messages(['server'])).toEqual([['m0', 'm2'], ['m4', 'm7']]);
        expect(await messages(['file_id'])).toEqual([['m0', 'm2'], ['m6']]);
        expect(await messages([])).toEqual([['m0', 'm1', 'm2'], ['m4', 'm5', 'm6', 'm7']]);
        expect(await messages([], records[3].id, 1, 2)).toEqual([['m2'], ['m4', 'm5']]);
        expect(await messages(['file_id'], records[4].id)).toEqual([[], ['m7']]);
        expect(await messages(['service', 'service'])).toEqual(await messages(['service']));
        expect(await store.read.around(B, records[3].id, 5, 5, [])).toBeNull();
      });

      it('pages the records of one request id in time order with an exact total, few or many', async () => {
        // Decision 0174 reads a request id's records in one scan first, expecting a few.
        const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
        const steps = Array.from({ length: 7 }, (_, i) => logRecord(A, T0 + i * MIN, { correlationId: 'c-many', traceId: trace, message: `step ${i}` }));
        await store.write.append(A, [...steps.slice(4), logRecord(A, T0 + HOUR, { correlationId: 'c-one', message: 'alone' }), ...steps.slice(0, 4)]);
        await store.write.append(B, [logRecord(B, T0, { correlationId: 'c-many', traceId: trace, message: 'step of b' })]);
        const messages = (records: LogRecord[]) => records.map((r) => r.message);
        const first = await store.read.search(scope('correlation_id:"c-many"'), page({ sort: 'desc', limit: 3 }));
        expect(first.total).toBe(7);
        expect(messages(first.records)).toEqual(['step 6', 'step 5', 'step 4']);
        const last = await store.read.search(scope('correlation_id:"c-many"'), page({ sort: 'desc', offset: 6, limit: 3 }));
        expect(last.total).toBe(7);
        expect(messages(last.records)).toEqual(['step 0']);
        const byTrace = await store.read.search(scope(`trace_id:"${trace}"`), page({ limit: 10 }));
        expect(byTrace.total).toBe(7);
        expect(messages(byTrace.records)).toEqual(steps.map((r) => r.message));
        expect(messages((await store.read.search(scope('correlation_id:"c-one"'), page())).records)).toEqual(['alone']);
        expect(await store.read.search(scope('correlation_id:"c-none"'), page())).toEqual({ total: 0, records: [] });
      });

      it('streams records with equal timestamps by id, without losing or repeating any', async () => {
        // Created in id order, appended shuffled, so only the store's ordering can get them right.
        const same = Array.from({ length: 7 }, (_, i) => logRecord(A, T0, { ingestedAt: T0 + i, message: `same ${i}` }));
        const shuffled = [same[3], same[6], same[0], same[5], same[1], same[4], same[2]];
        await store.write.append(A, shuffled.slice(0, 4));
        await store.write.append(A, shuffled.slice(4));
        await store.write.append(B, [logRecord(B, T0, { message: 'same b' })]);
        const ids = same.map((r) => r.id);
        const asc = await streamed(store, scope(), 'asc', 2);
        expect(asc.map((batch) => batch.length)).toEqual([2, 2, 2, 1]);
        expect(asc.flat().map((r) => r.id)).toEqual(ids);
        const desc = await streamed(store, scope(), 'desc', 3);
        expect(desc.flat().map((r) => r.id)).toEqual([...ids].reverse());
        const exact = await streamed(store, scope(), 'asc', 7);
        expect(exact.flat().map((r) => r.id)).toEqual(ids);
        expect((await store.read.search(scope(), page({ offset: 2, limit: 3 }))).records.map((r) => r.id)).toEqual(ids.slice(2, 5));
        const text = await store.read.search(scope('same'), page({ sort: 'desc', offset: 2, limit: 3 }));
        expect(text.total).toBe(7);
        expect(text.records.map((r) => r.id)).toEqual([...ids].reverse().slice(2, 5));
        const around = await store.read.around(A, same[3].id, 2, 2);
        expect(around!.before.map((r) => r.id)).toEqual(ids.slice(1, 3));
        expect(around!.after.map((r) => r.id)).toEqual(ids.slice(4, 6));
      });
    });
  });
}
