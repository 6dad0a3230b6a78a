import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogRecord } from '../log-record';
import { newId } from '../../platform/ids';
import { parseQuery } from '../query/query-parser';
import { DuckDbDatabase } from './duckdb-database';
import { DuckDbLogReadStore } from './duckdb-log-read-store';
import { DuckDbLogWriteStore } from './duckdb-log-write-store';
import { groupsByBytes } from './duckdb-row-fetch';

// Issue 14, item 7: with records of hundreds of KB, a page of 300, an export (batches of
// 2,000 rows) and message suggestions ran DuckDB out of its memory limit. 300 records of
// 400 KB (120 MB) against a 160 MiB limit failed all three before.
describe('DuckDB with records of 400 KB under a 160 MiB memory limit', () => {
  const T = 'tenant-wide';
  const RECORDS = 300;
  let duck: DuckDbDatabase;
  let read: DuckDbLogReadStore;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-wide-'));
    duck = await DuckDbDatabase.open(path.join(dir, 'logs.duckdb'), { memoryLimit: '160MiB' });
    const write = new DuckDbLogWriteStore(duck, path.join(dir, 'spool'));
    const wide = 'y'.repeat(200 * 1024);
    for (let b = 0; b < RECORDS / 25; b++) {
      const records: LogRecord[] = Array.from({ length: 25 }, (_, j) => {
        const i = b * 25 + j;
        const t = 1_714_557_600_000 + i * 1000;
        return {
          id: newId(t), tenantId: T, timestamp: t, ingestedAt: t, level: 'INFO', message: `wideword ${i} ${wide}`,
          service: null, server: null, environment: null, logType: null, correlationId: null, traceId: null, spanId: null,
          userId: null, clientIp: null, method: null, endpoint: null, statusCode: null, responseTimeMs: null, userAgent: null,
          sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: { extra: wide },
        };
      });
      await write.append(T, records);
    }
    read = new DuckDbLogReadStore(duck);
  }, 120_000);

  afterAll(() => {
    duck.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a page of 300, newest first', async () => {
    const page = await read.search({ tenantId: T, query: parseQuery('wideword') }, { offset: 0, limit: 300, sort: 'desc' });
    expect(page.total).toBe(RECORDS);
    expect(page.records.map((r) => r.message.split(' ')[1])).toEqual(Array.from({ length: RECORDS }, (_, i) => String(RECORDS - 1 - i)));
    expect(page.records[0].fields.extra).toHaveLength(200 * 1024);
  });

  it('streams every record in batches bounded by bytes', async () => {
    let seen = 0;
    let largest = 0;
    for await (const batch of read.stream({ tenantId: T, query: parseQuery('') }, 'asc', 2000)) {
      seen += batch.length;
      largest = Math.max(largest, batch.length);
    }
    expect(seen).toBe(RECORDS);
    expect(largest).toBeLessThan(RECORDS);
  });

  it('suggests messages', async () => {
    const suggestions = await read.suggest(T, 'message', 'wideword', 10);
    expect(suggestions.length).toBeGreaterThan(0);
  });

  it('groups keys by bytes, one key at least per group', () => {
    const keys = [5, 5, 20, 1, 1].map((bytes, i) => ({ id: `k${i}`, ts: i, bytes }));
    expect(groupsByBytes(keys, 10).map((g) => g.map((k) => k.id))).toEqual([['k0', 'k1'], ['k2'], ['k3', 'k4']]);
  });
});
