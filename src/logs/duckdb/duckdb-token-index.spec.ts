import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newId } from '../../platform/ids';
import { LogRecord } from '../log-record';
import { parseQuery } from '../query/query-parser';
import { compileScopePredicate } from '../query/record-predicate';
import { candidateBlocks } from './duckdb-block-pruning';
import { DuckDbDatabase } from './duckdb-database';
import { DuckDbLogReadStore } from './duckdb-log-read-store';
import { DuckDbLogWriteStore } from './duckdb-log-write-store';

// The token index (docs/decisions/0130) may only narrow where DuckDB looks: every query below
// must answer exactly what the shared record predicate answers over the same records, while
// the index does prune the blocks of rare words and ids.
const T = 'tenant-index';
const OTHER = 'tenant-other';
const T0 = 1_714_557_600_000;
let seq = 0;

function rec(tenantId: string, message: string, over: Partial<LogRecord> = {}): LogRecord {
  const at = T0 + seq++ * 1000;
  return {
    id: newId(at), tenantId, timestamp: at, ingestedAt: at, level: 'INFO', message, service: 'api', server: null,
    environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null,
    method: null, endpoint: null, statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null,
    queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {}, ...over,
  };
}

const uuid = (i: number) => `f0aa39cf-63c3-46cf-a768-${String(i).padStart(12, '0')}`;

/** Blocks (one append each): plain ones, one with non-ASCII words that fold to ASCII, one of another tenant. */
const BLOCKS: LogRecord[][] = [
  ...Array.from({ length: 8 }, (_, b) =>
    Array.from({ length: 5 }, (_, i) =>
      rec(T, `request ${b}-${i} served in ${i}ms${b === 3 && i === 2 ? ': upstream TIMEOUT, connection reset' : ''}${b === 5 && i === 0 ? ' cache miss—retry' : ''}`, {
        correlationId: uuid(b * 10 + i), userId: `user-${b}`, level: i === 4 ? 'ERROR' : 'INFO', statusCode: i === 4 ? 500 + b : 200,
        fileId: b === 6 ? 'file-6' : null,
      })),
  ),
  [rec(T, 'ſtop the Kelvin drift'), rec(T, 'naïve timeout_ms=30'), rec(T, 'plain line')],
  [rec(OTHER, 'upstream timeout, connection reset', { correlationId: uuid(32) })],
];
const ALL = BLOCKS.flat();

const QUERIES = [
  'timeout', 'TIMEOUT', 'upstream timeout', '"connection reset"', '"reset connection"', 'stop', 'kelvin', 'drift',
  'timeout_ms', 'naïve', 'retry', 'miss', '"miss retry"', `correlation_id:"${uuid(32)}"`, `correlation_id:"${uuid(51)}"`, `correlation_id:${uuid(99)}`,
  'user_id:user-3', 'user_id:user-3 AND level:ERROR', 'user_id:user-3 OR user_id:user-5', 'timeout OR served',
  '-timeout', 'NOT user_id:user-3', 'time*', 'level:ERROR AND status_code:>=500', 'served AND NOT reset', 'nothinglikethis',
];

describe('DuckDB token index', () => {
  let duck: DuckDbDatabase;
  let write: DuckDbLogWriteStore;
  let read: DuckDbLogReadStore;
  let spoolDir: string;

  beforeAll(async () => {
    duck = await DuckDbDatabase.open(':memory:', { tokenIndex: 'words' });
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-token-index-'));
    write = new DuckDbLogWriteStore(duck, spoolDir);
    read = new DuckDbLogReadStore(duck);
    for (const block of BLOCKS) await write.append(block[0].tenantId, block);
  });

  afterAll(() => {
    duck.close();
    fs.rmSync(spoolDir, { recursive: true, force: true });
  });

  const expected = (tenantId: string, q: string, records = ALL) =>
    records.filter(compileScopePredicate({ tenantId, query: parseQuery(q) })).map((r) => r.id).sort();
  const found = async (tenantId: string, q: string) =>
    (await read.search({ tenantId, query: parseQuery(q) }, { offset: 0, limit: 100, sort: 'asc' })).records.map((r) => r.id).sort();

  it.each(QUERIES)('answers %s as the record predicate does', async (q) => {
    expect(await found(T, q)).toEqual(expected(T, q));
    expect(await read.count({ tenantId: T, query: parseQuery(q) })).toBe(expected(T, q).length);
  });

  it('prunes a rare word and an id to their blocks, keeps blocks with non-ASCII words for every word', async () => {
    const blocks = async (q: string) => candidateBlocks(duck, { tenantId: T, query: parseQuery(q) });
    const ids = (await duck.query(`SELECT block_id::DOUBLE AS b FROM log_blocks WHERE tenant_id = ? ORDER BY block_id`, [T])).map((r) => Number(r.b));
    expect(ids).toHaveLength(9);
    expect(await blocks('reset')).toBe(`(block_id = ${ids[3]} OR block_id = ${ids[8]})`);
    expect(await blocks(`correlation_id:"${uuid(51)}"`)).toBe(`block_id = ${ids[5]}`);
    expect(await blocks('served AND (user_id:user-2 OR user_id:user-3 OR user_id:user-5)')).toBe(`(block_id BETWEEN ${ids[2]} AND ${ids[3]} OR block_id = ${ids[5]})`);
    expect(await blocks('retry')).toBe(`(block_id = ${ids[5]} OR block_id = ${ids[8]})`);
    expect(await blocks('nothinglikethis')).toBe(`block_id = ${ids[8]}`);
    expect(await blocks(`correlation_id:"${uuid(99)}"`)).toBe('FALSE');
    expect(await blocks('served')).toBeNull();
    expect(await blocks('-reset')).toBeNull();
  });

  it('keeps tenants apart: another tenant’s id finds nothing', async () => {
    expect(await found(T, `correlation_id:"${uuid(32)}"`)).toEqual(expected(T, `correlation_id:"${uuid(32)}"`));
    expect(await found(OTHER, `correlation_id:"${uuid(32)}"`)).toHaveLength(1);
    expect(await found(OTHER, 'served')).toEqual([]);
  });

  it('drops the index of blocks a delete empties, and of a deleted tenant', async () => {
    const blocksOf = async (tenantId: string) =>
      Number((await duck.query(`SELECT count(*)::DOUBLE AS n FROM log_token_filters WHERE tenant_id = ?`, [tenantId]))[0].n);
    const before = await blocksOf(T);
    expect(await write.deleteByFile(T, 'file-6')).toBe(5);
    expect(Number((await duck.query(`SELECT count(*)::DOUBLE AS n FROM log_blocks WHERE tenant_id = ?`, [T]))[0].n)).toBe(8);
    expect(await blocksOf(T)).toBeLessThan(before);
    const left = ALL.filter((r) => r.fileId !== 'file-6');
    for (const q of QUERIES) expect(await found(T, q)).toEqual(expected(T, q, left));
    await write.deleteTenant(OTHER);
    expect(await blocksOf(OTHER)).toBe(0);
    expect((await duck.query(`SELECT count(*)::DOUBLE AS n FROM log_blocks WHERE tenant_id = ?`, [OTHER]))[0].n).toBe(0);
  });
});

describe('DuckDB token index of ids only, and off', () => {
  it('prunes ids, not words, and answers both as the record predicate does', async () => {
    const duck = await DuckDbDatabase.open(':memory:', { tokenIndex: 'ids' });
    const spool = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-token-ids-'));
    try {
      const write = new DuckDbLogWriteStore(duck, spool);
      for (const block of BLOCKS) await write.append(block[0].tenantId, block);
      const read = new DuckDbLogReadStore(duck);
      expect(await candidateBlocks(duck, { tenantId: T, query: parseQuery('reset') })).toBeNull();
      expect(await candidateBlocks(duck, { tenantId: T, query: parseQuery(`correlation_id:"${uuid(51)}"`) })).toMatch(/^block_id = \d+$/);
      for (const q of QUERIES) {
        const ids = (await read.search({ tenantId: T, query: parseQuery(q) }, { offset: 0, limit: 100, sort: 'asc' })).records.map((r) => r.id).sort();
        expect(ids).toEqual(ALL.filter(compileScopePredicate({ tenantId: T, query: parseQuery(q) })).map((r) => r.id).sort());
      }
    } finally {
      duck.close();
      fs.rmSync(spool, { recursive: true, force: true });
    }
  });
});

describe('DuckDB token index of a file', () => {
  it('keeps blocks written with the index off candidates for every id and word once it is on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-token-words-'));
    const file = path.join(dir, 'logs.duckdb');
    try {
      const before = await DuckDbDatabase.open(file);
      await new DuckDbLogWriteStore(before, path.join(dir, 'spool')).append(T, [rec(T, 'rare deadlock line', { correlationId: uuid(7) })]);
      before.close();
      const after = await DuckDbDatabase.open(file, { tokenIndex: 'words' });
      await new DuckDbLogWriteStore(after, path.join(dir, 'spool')).append(T, [rec(T, 'plain line')]);
      const read = new DuckDbLogReadStore(after);
      expect((await read.search({ tenantId: T, query: parseQuery('deadlock') }, { offset: 0, limit: 10, sort: 'asc' })).total).toBe(1);
      expect((await read.search({ tenantId: T, query: parseQuery('plain') }, { offset: 0, limit: 10, sort: 'asc' })).total).toBe(1);
      expect((await read.search({ tenantId: T, query: parseQuery(`correlation_id:"${uuid(7)}"`) }, { offset: 0, limit: 10, sort: 'asc' })).total).toBe(1);
      after.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('indexes rows of an older file at open, and rebuilds filters made with another hash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-token-file-'));
    const file = path.join(dir, 'logs.duckdb');
    try {
      const old = await DuckDbDatabase.open(file);
      await old.execute(`INSERT INTO logs (id, tenant_id, ts, ingested_at, level, message) VALUES ('r1', 't1', 1, 1, 'INFO', 'old deadlock line')`);
      old.close();
      const reopened = await DuckDbDatabase.open(file, { tokenIndex: 'words' });
      const search = async (duck: DuckDbDatabase, q: string) =>
        (await new DuckDbLogReadStore(duck).search({ tenantId: 't1', query: parseQuery(q) }, { offset: 0, limit: 10, sort: 'asc' })).total;
      expect(await search(reopened, 'deadlock')).toBe(1);
      // As if another DuckDB version had built the filters: they are rebuilt, not trusted.
      await reopened.execute(`UPDATE log_index_meta SET value = 'another' WHERE key = 'hash_probe'`);
      await reopened.execute(`UPDATE log_token_filters SET bits = bitstring('0', bit_length(bits)::INTEGER)`);
      expect(await search(reopened, 'deadlock')).toBe(0);
      reopened.close();
      const rebuilt = await DuckDbDatabase.open(file, { tokenIndex: 'words' });
      expect(await search(rebuilt, 'deadlock')).toBe(1);
      expect(await search(rebuilt, 'line')).toBe(1);
      rebuilt.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
