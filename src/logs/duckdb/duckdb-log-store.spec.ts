import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogRecord } from '../log-record';
import { newId } from '../../platform/ids';
import { describeLogStoreContract } from '../log-store.contract';
import { parseQuery } from '../query/query-parser';
import { DuckDbDatabase } from './duckdb-database';
import { DuckDbLogReadStore } from './duckdb-log-read-store';
import { DuckDbLogWriteStore } from './duckdb-log-write-store';

const AT = 1_714_557_600_000;

/** Record i of a tenant: INFO, `record i`, at AT + i ms, every optional field empty but what `over` sets. */
function blankRecord(tenantId: string, i: number, over: Partial<LogRecord> = {}): LogRecord {
  return {
    id: newId(AT + i), tenantId, timestamp: AT + i, ingestedAt: AT + i, level: 'INFO', message: `record ${i}`, service: null,
    server: null, environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null,
    method: null, endpoint: null, statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null,
    tags: [], fileId: null, patternId: null, fields: {}, ...over,
  };
}

// With the token index on (ids and words, docs/decisions/0130) and off, and with pages
// chosen by key before their rows are read (what records too large for one fetch get,
// decision 0174) as well as read whole in the top-N: the same answers.
describe.each([
  ['off', 'whole rows'],
  ['words', 'whole rows'],
  ['off', 'keys first'],
] as const)('token index %s, pages of %s', (tokenIndex, pages) => describeLogStoreContract(`DuckDB`, async () => {
  const duck = await DuckDbDatabase.open(':memory:', { tokenIndex });
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-spool-'));
  return {
    write: new DuckDbLogWriteStore(duck, spoolDir),
    read: new DuckDbLogReadStore(duck, { useTokenIndex: duck.tokens.enabled, wholeRowPages: pages === 'whole rows' }),
    spoolDir,
    close: async () => {
      duck.close();
      fs.rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}));

// The layout of docs/decisions/0007: ids in canonical form are stored as UUIDs, any other
// value verbatim; every value must come back exactly as written and match only itself.
describe('DuckDB storage of correlation and trace ids', () => {
  const T = 'tenant-ids';
  const values: Array<[string | null, string | null]> = [
    ['f0aa39cf-63c3-46cf-a768-06476b8b3241', '07a4181d7e7eea4dc906db241757277b'],
    ['F0AA39CF-63C3-46CF-A768-06476B8B3241', '07A4181D7E7EEA4DC906DB241757277B'],
    ['{f0aa39cf-63c3-46cf-a768-06476b8b3241}', '07a4181d-7e7e-ea4d-c906-db241757277b'],
    ['f0aa39cf63c346cfa76806476b8b3241', 'req-42'],
    ['req-42', null],
    [null, ''],
  ];
  let duck: DuckDbDatabase;
  let read: DuckDbLogReadStore;
  let spoolDir: string;
  const records: LogRecord[] = values.map(([correlationId, traceId], i) =>
    blankRecord(T, i, { correlationId, traceId, fields: i === 0 ? { k: 'v' } : {} }),
  );

  beforeAll(async () => {
    duck = await DuckDbDatabase.open(':memory:');
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-ids-'));
    await new DuckDbLogWriteStore(duck, spoolDir).append(T, records);
    read = new DuckDbLogReadStore(duck);
  });

  afterAll(() => {
    duck.close();
    fs.rmSync(spoolDir, { recursive: true, force: true });
  });

  it('gives every value back exactly', async () => {
    const { records: found } = await read.search({ tenantId: T, query: parseQuery('') }, { offset: 0, limit: 100, sort: 'asc' });
    expect(found).toEqual(records);
  });

  it('stores canonical values as UUIDs and others verbatim', async () => {
    const [row] = await duck.query(
      `SELECT count(correlation_uuid)::INTEGER AS cu, count(correlation_text)::INTEGER AS ct,
              count(trace_uuid)::INTEGER AS tu, count(trace_text)::INTEGER AS tt, count(fields)::INTEGER AS f FROM logs`,
    );
    expect(row).toEqual({ cu: 1, ct: 4, tu: 1, tt: 4, f: 1 });
  });

  it.each(values.flatMap(([c, t]) => [['correlation_id', c], ['trace_id', t]] as const).filter(([, v]) => v !== null && v !== ''))(
    'finds %s:"%s" case-sensitively, and only that record',
    async (field, value) => {
      const expected = records.filter((r) => (field === 'correlation_id' ? r.correlationId : r.traceId) === value).map((r) => r.id);
      const query = parseQuery(`${field}:${JSON.stringify(value)}`);
      const { records: found } = await read.search({ tenantId: T, query }, { offset: 0, limit: 100, sort: 'asc' });
      expect(found.map((r) => r.id)).toEqual(expected);
      const negated = await read.count({ tenantId: T, query: parseQuery(`-${field}:${JSON.stringify(value)}`) });
      expect(negated).toBe(records.length - expected.length);
    },
  );

  it('matches prefixes, existence and top terms on the rendered value', async () => {
    expect(await read.count({ tenantId: T, query: parseQuery('correlation_id:f0aa*') })).toBe(2);
    expect(await read.count({ tenantId: T, query: parseQuery('trace_id:07a4181d7e*') })).toBe(1);
    expect(await read.count({ tenantId: T, query: parseQuery('_exists_:correlation_id') })).toBe(5);
    const top = await read.topTerms({ tenantId: T, query: parseQuery('') }, 'trace_id', 10);
    expect(top.map((t) => t.value).sort()).toEqual(['', ...values.map(([, t]) => t).filter((t): t is string => !!t)].sort());
  });
});

describe('DuckDB file of a layout before pattern ids', () => {
  it('gets the pattern_id column on open, its old records without one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-old-'));
    const file = path.join(dir, 'logs.duckdb');
    try {
      const old = await DuckDbDatabase.open(file);
      await old.execute('ALTER TABLE logs DROP COLUMN pattern_id');
      await old.execute(`INSERT INTO logs (id, tenant_id, ts, ingested_at, level, message) VALUES ('r1', 't1', 1, 1, 'INFO', 'old line')`);
      old.close();
      const duck = await DuckDbDatabase.open(file);
      const read = new DuckDbLogReadStore(duck);
      expect((await read.search({ tenantId: 't1', query: parseQuery('-_exists_:pattern_id') }, { offset: 0, limit: 10, sort: 'asc' })).records).toEqual([
        expect.objectContaining({ id: 'r1', message: 'old line', patternId: null }),
      ]);
      duck.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// docs/decisions/0173: a row's size is stored at insert, and filled at open for rows of files
// made before; pages are chosen by it.
describe('DuckDB record sizes', () => {
  it('stores each record’s text size, fills it for older rows on open, knows the largest, and pages by it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-bytes-'));
    const file = path.join(dir, 'logs.duckdb');
    const sizes = async (duck: DuckDbDatabase) =>
      (await duck.query('SELECT id, record_bytes FROM logs ORDER BY id')).map((r) => [r.id, r.record_bytes === null ? null : Number(r.record_bytes)]);
    try {
      const old = await DuckDbDatabase.open(file);
      await old.execute('ALTER TABLE logs DROP COLUMN record_bytes');
      await old.execute(`INSERT INTO logs (id, tenant_id, ts, ingested_at, level, message, user_agent) VALUES ('r1', 't1', 1, 1, 'INFO', 'old line é', 'curl/8')`);
      old.close();
      let duck = await DuckDbDatabase.open(file);
      expect(duck.largestRecordBytes).toBe(17);
      const record = blankRecord('t1', 0, { id: 'r2', message: 'x'.repeat(1000), sqlQuery: 'SELECT 1', fields: { k: 'v' } });
      await new DuckDbLogWriteStore(duck, path.join(dir, 'spool')).append('t1', [record]);
      // UTF-8 bytes: 'old line é' is 11, 'curl/8' 6; 1000 + 'SELECT 1' 8 + '{"k":"v"}' 9.
      expect(await sizes(duck)).toEqual([['r1', 17], ['r2', 1017]]);
      expect(duck.largestRecordBytes).toBe(1017);
      duck.close();
      duck = await DuckDbDatabase.open(file);
      expect(duck.largestRecordBytes).toBe(1017);
      const read = new DuckDbLogReadStore(duck);
      const page = await read.search({ tenantId: 't1', query: parseQuery('') }, { offset: 0, limit: 10, sort: 'desc' });
      expect(page.records.map((r) => [r.id, r.message.length])).toEqual([['r2', 1000], ['r1', 10]]);
      duck.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// docs/decisions/0170: new files force ZSTD on message and sql_query; a file made before (its
// table without the compression clauses) keeps DuckDB's choice and keeps working.
describe('DuckDB column compression', () => {
  const T = 'tenant-zstd';
  const record = (i: number): LogRecord => blankRecord(T, i, {
    ingestedAt: AT, message: `payment ${i} declined by issuer`, service: 'payments',
    sqlQuery: i % 2 === 0 ? `SELECT * FROM orders WHERE id = ${i}` : null,
  });
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-zstd-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const compressionOf = async (duck: DuckDbDatabase) =>
    Object.fromEntries((await duck.query(
      `SELECT column_name, string_agg(DISTINCT compression, ',' ORDER BY compression) AS c FROM pragma_storage_info('logs')
       WHERE column_name IN ('message', 'sql_query', 'service') AND segment_type = 'VARCHAR' GROUP BY 1`,
    )).map((r) => [r.column_name, r.c]));

  async function writeAndReopen(file: string): Promise<DuckDbDatabase> {
    const duck = await DuckDbDatabase.open(file);
    await new DuckDbLogWriteStore(duck, path.join(dir, 'spool')).append(T, Array.from({ length: 3000 }, (_, i) => record(i)));
    await duck.execute('CHECKPOINT');
    duck.close();
    return DuckDbDatabase.open(file);
  }

  it('stores message and sql_query of a new file with ZSTD, and reads them back', async () => {
    const duck = await writeAndReopen(path.join(dir, 'logs.duckdb'));
    try {
      expect(await compressionOf(duck)).toEqual({ message: 'ZSTD', sql_query: 'ZSTD', service: expect.not.stringContaining('ZSTD') });
      const read = new DuckDbLogReadStore(duck);
      expect(await read.count({ tenantId: T, query: parseQuery('"payment 2999 declined"') })).toBe(1);
      expect(await read.count({ tenantId: T, query: parseQuery('sql_query:*orders*') })).toBe(1500);
    } finally {
      duck.close();
    }
  });

  it('keeps a file whose table was made without the compression clauses working, with DuckDB’s choice', async () => {
    const file = path.join(dir, 'logs.duckdb');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { createLogsTableSql } = await import('./duckdb-schema');
    const instance = await DuckDBInstance.create(file, { storage_compatibility_version: 'latest' });
    const c = await instance.connect();
    await c.run(createLogsTableSql({}));
    c.closeSync();
    instance.closeSync();
    const duck = await writeAndReopen(file);
    try {
      expect((await compressionOf(duck)).message).not.toContain('ZSTD');
      const read = new DuckDbLogReadStore(duck);
      const found = await read.search({ tenantId: T, query: parseQuery('declined') }, { offset: 0, limit: 2, sort: 'desc' });
      expect(found.total).toBe(3000);
      expect(found.records[0]).toEqual(record(2999));
    } finally {
      duck.close();
    }
  });
});

// docs/decisions/0171: once commits stop, the WAL's rows go into the file and the WAL empties.
describe('DuckDB checkpoint when ingest is idle', () => {
  it('checkpoints after idleCheckpointMs without a commit, and not while commits keep coming', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-idle-'));
    const file = path.join(dir, 'logs.duckdb');
    const duck = await DuckDbDatabase.open(file, { idleCheckpointMs: 300 });
    const walBytes = () => (fs.existsSync(`${file}.wal`) ? fs.statSync(`${file}.wal`).size : 0);
    const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
    try {
      const write = new DuckDbLogWriteStore(duck, path.join(dir, 'spool'));
      const rec = (i: number): LogRecord => blankRecord('t', i, { ingestedAt: AT, message: `line ${i}` });
      for (let i = 0; i < 4; i++) {
        await write.append('t', [rec(i)]);
        await sleep(100);
      }
      expect(walBytes()).toBeGreaterThan(0);
      await sleep(700);
      expect(walBytes()).toBe(0);
      expect(await new DuckDbLogReadStore(duck).count({ tenantId: 't', query: parseQuery('') })).toBe(4);
    } finally {
      duck.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DuckDB checkpoint beside reads', () => {
  it('answers a read while a checkpoint writes the WAL into the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-checkpoint-'));
    const duck = await DuckDbDatabase.open(path.join(dir, 'logs.duckdb'), { idleCheckpointMs: 0, checkpointThreshold: '1GB' });
    try {
      // Commits smaller than a row group go to the WAL (larger ones DuckDB writes to the file at once).
      for (let part = 0; part < 6; part++) {
        await duck.execute(
          `INSERT INTO logs (id, tenant_id, ts, ingested_at, level, message, record_bytes)
           SELECT 'r' || i, 't', 1714557600000 + i, 1714557600000, 'INFO', 'line ' || i || ' ' || md5(i::VARCHAR), 48
           FROM range(${part * 50_000}, ${(part + 1) * 50_000}) r(i)`,
        );
      }
      const order: string[] = [];
      const checkpoint = duck.checkpoint().then(() => order.push('checkpoint'));
      // Issued once the checkpoint holds the writer; before, the read gate kept it waiting until the end.
      await new Promise((done) => setTimeout(done, 20));
      const [row] = await duck.query('SELECT count(*)::INTEGER AS n FROM logs WHERE tenant_id = ?', ['t']);
      order.push('read');
      await checkpoint;
      expect(row.n).toBe(300_000);
      expect(order).toEqual(['read', 'checkpoint']);
    } finally {
      duck.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DuckDB writer', () => {
  it('runs a statement from outside a transaction after it, not inside it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-writer-'));
    const duck = await DuckDbDatabase.open(path.join(dir, 'logs.duckdb'), { idleCheckpointMs: 0 });
    const order: string[] = [];
    try {
      await duck.execute('CREATE TABLE t (v INTEGER)');
      let inside!: () => void;
      const started = new Promise<void>((done) => (inside = done));
      const tx = duck.transaction(async () => {
        await duck.execute('INSERT INTO t VALUES (1)');
        inside();
        await new Promise((done) => setTimeout(done, 100));
        await duck.execute('INSERT INTO t VALUES (2)');
        order.push('commit');
      });
      await started;
      // A retention delete, an idle CHECKPOINT: issued while the transaction is open.
      const outside = Promise.all([
        duck.execute('CHECKPOINT').then(() => order.push('checkpoint')),
        duck.execute('DELETE FROM t WHERE v = 1').then(() => order.push('delete')),
      ]);
      await Promise.all([tx, outside]);
      expect(order).toEqual(['commit', 'checkpoint', 'delete']);
      expect((await duck.query('SELECT v FROM t')).map((r) => r.v)).toEqual([2]);
    } finally {
      duck.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Decision 0174: a page is counted, then read in one plain scan when every match fits it.
// Records committed between the two make the scan find more than the page holds: the page
// is then read by a top-N of what is there now, and its total is never below what it shows.
describe('DuckDB page whose records arrive between its count and its read', () => {
  const T = 'tenant-race';
  const at = (i: number): LogRecord => blankRecord(T, i, { service: 'race' });
  let duck: DuckDbDatabase;
  let write: DuckDbLogWriteStore;
  let read: DuckDbLogReadStore;
  let spoolDir: string;

  beforeEach(async () => {
    duck = await DuckDbDatabase.open(':memory:');
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-race-'));
    write = new DuckDbLogWriteStore(duck, spoolDir);
    read = new DuckDbLogReadStore(duck);
    await write.append(T, [0, 1, 2].map(at));
  });
  afterEach(() => {
    duck.close();
    fs.rmSync(spoolDir, { recursive: true, force: true });
  });

  /** Commits `late` right after the first count of the search answers, before the page is read. */
  const afterTheCount = (late: LogRecord[]) => {
    const query = duck.query.bind(duck);
    let done = false;
    jest.spyOn(duck, 'query').mockImplementation(async (sql: string, params?: unknown[]) => {
      const rows = await query(sql, params);
      if (!done && sql.startsWith('SELECT count(*)')) {
        done = true;
        await write.append(T, late);
      }
      return rows;
    });
  };
  const scope = { tenantId: T, query: parseQuery('service:race') };

  it('reads the newest of what is there now when more arrived than the page holds', async () => {
    afterTheCount([3, 4, 5, 6, 7].map(at));
    const page = await read.search(scope, { offset: 0, limit: 4, sort: 'desc' });
    expect(page.records.map((r) => r.message)).toEqual(['record 7', 'record 6', 'record 5', 'record 4']);
    expect(page.total).toBeGreaterThanOrEqual(page.records.length);
  });

  it('answers every match when the arrivals still fit the page, counted from the rows read', async () => {
    afterTheCount([3, 4].map(at));
    const page = await read.search(scope, { offset: 0, limit: 10, sort: 'asc' });
    expect(page.records.map((r) => r.message)).toEqual(['record 0', 'record 1', 'record 2', 'record 3', 'record 4']);
    expect(page.total).toBe(5);
  });

  it('keeps the total at least the offset and the page it shows on a later page', async () => {
    afterTheCount([3, 4, 5, 6, 7].map(at));
    const page = await read.search(scope, { offset: 2, limit: 2, sort: 'desc' });
    expect(page.records.map((r) => r.message)).toEqual(['record 5', 'record 4']);
    expect(page.total).toBeGreaterThanOrEqual(4);
  });
});
