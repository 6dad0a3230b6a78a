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
  const es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: `${run}-${n++}`, refreshOnWrite: true });
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
    es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: `${run}-diff`, refreshOnWrite: true });
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

const t0 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
function record(tenantId: string, ts: number, patternId: string | null = null, fields: Record<string, string> = {}): LogRecord {
  return {
    id: newId(ts), timestamp: ts, ingestedAt: ts, tenantId, level: 'INFO', message: 'm', service: null, server: null, environment: null,
    logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null,
    statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId, fields,
  };
}

describe('Elasticsearch daily indices', () => {
  let es: ElasticsearchLogIndex;
  const prefix = `${run}-daily`;
  beforeEach(() => {
    es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: prefix, refreshOnWrite: true });
  });
  afterEach(async () => {
    await es.drop();
    await es.close();
  });

  it('writes each record into the index of its UTC day, behind the alias, without nested documents', async () => {
    await new ElasticsearchLogWriteStore(es).append('a', [record('a', t0, null, { k: '1' }), record('a', t0 + DAY + 5, null, { k: '2', j: 'x' })]);
    const names = (await es.dailyIndices()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining([`${prefix}-2024.01.01`, `${prefix}-2024.01.02`]));
    const alias = await es.client.indices.getAlias({ name: prefix });
    expect(Object.keys(alias)).toEqual(expect.arrayContaining([`${prefix}-2024.01.01`, `${prefix}-2024.01.02`]));
    // Lucene documents = records: no hidden nested documents for `fields`.
    const stats = await es.client.indices.stats({ index: `${prefix}-2024.01.02`, metric: 'docs' });
    expect(stats._all.primaries?.docs?.count).toBe(1);
    const settings = await es.client.indices.getSettings({ index: `${prefix}-2024.01.01` });
    expect(settings[`${prefix}-2024.01.01`].settings?.index?.translog?.durability).toBe('request');
    if (es.logsdb) expect(settings[`${prefix}-2024.01.01`].settings?.index?.mode).toBe('logsdb');
    const read = new ElasticsearchLogReadStore(es);
    expect((await read.search({ tenantId: 'a', query: parseQuery('k:>1') }, { offset: 0, limit: 10, sort: 'asc' })).records.map((r) => r.fields)).toEqual([{ k: '2', j: 'x' }]);
  });

  it('is searchable within the refresh interval when writes do not wait for a refresh', async () => {
    const lazy = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: prefix });
    try {
      await new ElasticsearchLogWriteStore(lazy).append('a', [record('a', Date.now())]);
      const read = new ElasticsearchLogReadStore(lazy);
      const deadline = Date.now() + 3_000;
      let seen = 0;
      while (seen === 0 && Date.now() < deadline) {
        seen = await read.count({ tenantId: 'a', query: parseQuery('*') });
        if (seen === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toBe(1);
    } finally {
      await lazy.close();
    }
  });

  it('retention deletes whole days of one tenant, and only the tenant\'s documents of shared or partial days', async () => {
    const write = new ElasticsearchLogWriteStore(es);
    await write.append('a', [record('a', t0), record('a', t0 + 1), record('a', t0 + DAY), record('a', t0 + 2 * DAY + 10), record('a', t0 + 2 * DAY + 20)]);
    await write.append('b', [record('b', t0 + DAY + 1)]);
    // Day 1 only a's: dropped whole; day 2 shared: a's document deleted; day 3 partial.
    expect(await write.deleteOlderThan('a', t0 + 2 * DAY + 15)).toBe(4);
    const names = (await es.dailyIndices()).map((i) => i.name);
    expect(names).not.toContain(`${prefix}-2024.01.01`);
    expect(names).toContain(`${prefix}-2024.01.02`);
    const read = new ElasticsearchLogReadStore(es);
    expect(await read.count({ tenantId: 'a', query: parseQuery('*') })).toBe(1);
    expect(await read.count({ tenantId: 'b', query: parseQuery('*') })).toBe(1);
    expect(await write.deleteTenant('b')).toBe(1);
    expect(await read.count({ tenantId: 'b', query: parseQuery('*') })).toBe(0);
    expect(await read.count({ tenantId: 'a', query: parseQuery('*') })).toBe(1);
  });

  it('refuses to start on a single index of an older Lognest that holds the alias name', async () => {
    await es.client.indices.create({ index: prefix });
    try {
      await expect(es.ensureIndex()).rejects.toThrow(/LOGNEST_ELASTICSEARCH_INDEX/);
    } finally {
      await es.client.indices.delete({ index: prefix });
    }
  });
});

describe('Elasticsearch daily index of an older version (no pattern_id in its mapping)', () => {
  it('gets the field added, so pattern_id:<id> finds the records written after', async () => {
    const prefix = `${run}-old`;
    const es = new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index: prefix, refreshOnWrite: true });
    try {
      await es.client.indices.create({
        index: `${prefix}-2024.01.01`,
        mappings: { dynamic: false, properties: { tenant_id: { type: 'keyword' }, '@timestamp': { type: 'date', format: 'epoch_millis' } } },
      });
      await new ElasticsearchLogWriteStore(es).append('old', [record('old', t0, '0a1b2c3d4e5f'), record('old', t0 + 1)]);
      const read = new ElasticsearchLogReadStore(es);
      expect(await read.count({ tenantId: 'old', query: parseQuery('pattern_id:0a1b2c3d4e5f') })).toBe(1);
      expect(await read.count({ tenantId: 'old', query: parseQuery('-_exists_:pattern_id') })).toBe(1);
    } finally {
      await es.drop();
      await es.close();
    }
  });
});
