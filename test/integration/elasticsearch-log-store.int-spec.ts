import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ElasticsearchLogIndex } from '../../src/logs/elasticsearch/elasticsearch-client';
import { ElasticsearchLogReadStore } from '../../src/logs/elasticsearch/elasticsearch-log-read-store';
import { ElasticsearchLogWriteStore } from '../../src/logs/elasticsearch/elasticsearch-log-write-store';
import { LogRecord } from '../../src/logs/log-record';
import { describeLogStoreContract } from '../../src/logs/log-store.contract';
import { MemoryLogStore } from '../../src/logs/memory/memory-log-store';
import { InvalidQueryError } from '../../src/logs/query/invalid-query-error';
import { parseQuery } from '../../src/logs/query/query-parser';
import { newId } from '../../src/platform/ids';

/** The Elasticsearch the integration suite runs against (.ci/services.sh starts one on 9250). */
const TEST_ELASTICSEARCH_URL = process.env.LOGNEST_TEST_ELASTICSEARCH_URL ?? 'http://127.0.0.1:9250';

// A fresh index per store, under a prefix of its own per run, dropped on close.
const run = `lognest-test-${randomUUID().slice(0, 8)}`;
let n = 0;

describeLogStoreContract('Elasticsearch', async () => {
  const es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: `${run}-${n++}`, refresh: 'wait_for' });
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-es-spool-'));
  return {
    write: new ElasticsearchLogWriteStore(es),
    read: new ElasticsearchLogReadStore(es),
    spoolDir,
    close: async () => {
      await es.drop();
      await es.close();
      fs.rmSync(spoolDir, { recursive: true, force: true });
    },
  };
});

// The same answers as the in-memory evaluator (the reference of docs/decisions/0003) on
// messages and queries that stress the translation of words, phrases and RE2 patterns
// into Lucene regexps: Unicode letters, case, punctuation, anchors, classes, repetitions.
describe('Elasticsearch query translation agrees with the in-memory evaluator', () => {
  const T = 'tenant-diff';
  const messages = [
    'Connection timeout after 30s', 'Request timed out: TIMEOUT=5', 'cache hit for key 50%_off', 'Café ÉCOLE naïve — reset',
    'timeouts everywhere; time-out', 'ΣΊΣΥΦΟΣ σίσυφος error', 'straße STRASSE', 'a.b foo.bar (x) [y] {z} a|b a+b a*b',
    'tab\there  two  spaces', 'line one\nline two', 'ends with dot.', '.starts with dot', 'user_id=42 status=500 ok',
    'C:\\path\\to\\file "quoted" \'single\'', '日本語のログ 東京', 'emoji 🚀 launch', 'x', '', 'UPPER lower MiXeD',
    'price: $100.00 (50% off) #tag @user ~tilde <angle> &amp;',
  ];
  const queries = [
    'timeout', 'TIMEOUT', 'time', 'out', 'timed', 'time-out', '"timed out"', '"TIMED   OUT"', '"line two"', '"one line"',
    'café', 'CAFE', 'école', 'naïve', 'σίσυφος', 'ΣΊΣΥΦΟΣ', 'straße', 'strasse', 'foo', 'foo.bar', 'a.b', '50%', '50%_off',
    '$100.00', '#tag', '@user', '~tilde', '&amp;', 'dot', 'dot.', '.starts', 'emoji', '🚀', '東京', '日本語のログ',
    'user_id=42', 'x', 't*', '*out', 'ti?e*', 'C\\:\\\\path*', 'mi*d', 'spaces', 'two', 'tab',
    '/tim(e|ed)?out/', '/^line/', '/two$/', '/^x$/', '/(?i)upper LOWER/', '/\\d{2,3}/', '/\\bfoo/', '/\\bfoo\\b/', '/bar\\b/', '/\\b\\d+\\b/', '/(?i)\\bTIMEOUT\\b/',
    '/[^a-z ]+/', '/ΣΊ/', '/\\pL+ \\pL+/', '/\\pL{3} \\pN/', '/(?s)one.line/', '/one.line/', '/(?m)^line two$/', '/a\\|b/', '/a\\+b/',
    '/\\$\\d+\\.\\d\\d/', '/x|y/', '/^(x|cache)/', '/.*/', '/a{2}/', '/[é]/', '/(?i)[é]/',
    '/%/', '/\\//', '/"quoted"/', "/'single'/", '/(?i)straSSe/', '/[a-c]\\.[a-c]/', '/(?i)[A-C]\\.B/', '/o{2,}/',
    '/(un)?closed/', '/(unclosed/', '/a**/', '/(?<name>time)out/', '/[z-a]/',
    'NOT timeout', '-/out/', 'timeout OR café', '(a.b OR x) -foo',
  ];

  let es: ElasticsearchLogIndex;
  let read: ElasticsearchLogReadStore;
  const memory = new MemoryLogStore();

  beforeAll(async () => {
    es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: `${run}-diff` });
    read = new ElasticsearchLogReadStore(es);
    const t0 = Date.UTC(2024, 0, 1);
    const records = messages.map((message, i): LogRecord => ({
      id: newId(t0 + i), timestamp: t0 + i, ingestedAt: t0 + i, tenantId: T, level: 'INFO', message, service: null, server: null,
      environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null,
      endpoint: null, statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [],
      fileId: null, patternId: null, fields: {},
    }));
    await new ElasticsearchLogWriteStore(es).append(T, records);
    memory.add(T, records);
  });

  afterAll(async () => {
    await es.drop();
    await es.close();
  });

  // Where the JS evaluator reads a pattern differently from RE2 (DuckDB): POSIX classes,
  // script names, \x{…}, `\\p…` after an escaped backslash, scoped flags, limits.
  const re2Only: Array<[string, string[] | 'InvalidQueryError']> = [
    ['/x{1001}/', 'InvalidQueryError'],
    ['/\\p{Nope}/', 'InvalidQueryError'],
    ['/[[:upper:]]{5}/', ['Request timed out: TIMEOUT=5', 'straße STRASSE', 'UPPER lower MiXeD']],
    ['/\\p{Han}+/', ['日本語のログ 東京']],
    ['/[\\x{1F680}]/', ['emoji 🚀 launch']],
    ['/\\\\path/', ['C:\\path\\to\\file "quoted" \'single\'']],
    ['/t(?i:IME)/', ['Connection timeout after 30s', 'Request timed out: TIMEOUT=5', 'timeouts everywhere; time-out']],
  ];

  it.each(re2Only)('%s as RE2 reads it', async (query, expected) => {
    const found = read.search({ tenantId: T, query: parseQuery(query) }, { offset: 0, limit: 100, sort: 'asc' });
    if (expected === 'InvalidQueryError') await expect(found).rejects.toBeInstanceOf(InvalidQueryError);
    else expect((await found).records.map((r) => r.message)).toEqual(expected);
  });

  it.each(queries)('%s', async (query) => {
    const scope = { tenantId: T, query: parseQuery(query) };
    let expected: string[] | string;
    try {
      expected = (await memory.read.search(scope, { offset: 0, limit: 100, sort: 'asc' })).records.map((r) => r.message);
    } catch (err) {
      expected = (err as Error).name;
    }
    let actual: string[] | string;
    try {
      actual = (await read.search(scope, { offset: 0, limit: 100, sort: 'asc' })).records.map((r) => r.message);
    } catch (err) {
      actual = (err as Error).name;
    }
    expect(actual).toEqual(expected);
  });
});

describe('Elasticsearch index of an older version (no pattern_id in its mapping)', () => {
  it('gets the field added, so pattern_id:<id> finds the records written after', async () => {
    const index = `${run}-old`;
    const es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index, refresh: 'wait_for' });
    try {
      await es.client.indices.create({ index, mappings: { dynamic: false, properties: { tenant_id: { type: 'keyword' }, ts: { type: 'date', format: 'epoch_millis' } } } });
      const t0 = Date.UTC(2024, 0, 1);
      const record = (id: string, patternId: string | null): LogRecord => ({
        id, timestamp: t0, ingestedAt: t0, tenantId: 'old', level: 'INFO', message: 'm', service: null, server: null, environment: null,
        logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null,
        statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId, fields: {},
      });
      await new ElasticsearchLogWriteStore(es).append('old', [record(newId(t0), '0a1b2c3d4e5f'), record(newId(t0 + 1), null)]);
      const read = new ElasticsearchLogReadStore(es);
      expect(await read.count({ tenantId: 'old', query: parseQuery('pattern_id:0a1b2c3d4e5f') })).toBe(1);
      expect(await read.count({ tenantId: 'old', query: parseQuery('-_exists_:pattern_id') })).toBe(1);
    } finally {
      await es.drop();
      await es.close();
    }
  });
});
