// `node dist/bench/bench-needle.js [--records 300k] [--batch 5000] [--runs 10] [--dir DIR] [--no-index] [--words]`
// The DuckDB store alone, without HTTP: appends the bench's generated records in commits of
// --batch (as the HTTP bulk path commits them), then times the peer bench's needle queries
// and two aggregations through DuckDbLogReadStore. Prints ingest rate, bytes a record on disk
// (after a checkpoint), the index's share of them, and p50 per query. For measuring the token
// index (docs/decisions/0130); not a replacement for `npm run bench:peers`.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { DuckDbDatabase } from '../src/logs/duckdb/duckdb-database';
import { DuckDbLogReadStore } from '../src/logs/duckdb/duckdb-log-read-store';
import { DuckDbLogWriteStore } from '../src/logs/duckdb/duckdb-log-write-store';
import { LogRecord } from '../src/logs/log-record';
import { CliArgs } from './cli-args';
import { generateLogs, sampleTimeWindow } from './sample-log-generator';
import { BENCH_TENANT, storeQueries, timeQueries, toRecord } from './store-bench-data';

async function main(): Promise<void> {
  const a = new CliArgs(process.argv.slice(2), ['records', 'batch', 'runs', 'dir', 'no-index', 'words']);
  // --no-index: the index off (LOGNEST_DUCKDB_TOKEN_INDEX=off): its cost on ingest and disk; queries by scan only.
  const noIndex = a.flag('no-index');
  // --words: message words in the index too (LOGNEST_DUCKDB_TOKEN_INDEX=words); else ids.
  const words = a.flag('words');
  const o = { records: Math.floor(a.number('records', 300_000)), batch: Math.floor(a.number('batch', 5000)), runs: Math.floor(a.number('runs', 10)) };
  const dir = a.optionalString('dir') ?? mkdtempSync(join(os.tmpdir(), 'lognest-needle-'));
  const window = sampleTimeWindow({ days: 7 });
  const duck = await DuckDbDatabase.open(join(dir, 'logs.duckdb'), { memoryLimit: '512MB', tokenIndex: noIndex ? 'off' : words ? 'words' : 'ids' });
  const writer = new DuckDbLogWriteStore(duck, join(dir, 'spool'));
  const scan = new DuckDbLogReadStore(duck, { useTokenIndex: false });
  const readers: Record<string, DuckDbLogReadStore> = noIndex ? { scan } : { indexed: new DuckDbLogReadStore(duck), scan };
  // The index's share of the append time, measured around its one hook.
  let indexMs = 0;
  const indexBlock = duck.tokens.indexBlock.bind(duck.tokens);
  duck.tokens.indexBlock = async (tenantId, block) => {
    const started = performance.now();
    await indexBlock(tenantId, block);
    indexMs += performance.now() - started;
  };
  const correlationIds: string[] = [];
  const userIds: string[] = [];
  let batch: LogRecord[] = [];
  let appendMs = 0;
  const flush = async () => {
    const started = performance.now();
    await writer.append(BENCH_TENANT, batch);
    appendMs += performance.now() - started;
    batch = [];
  };
  let n = 0;
  for (const s of generateLogs({ count: o.records, days: 7, seed: 21, endMs: window.endMs })) {
    if (n++ % 9973 === 0) correlationIds.push(s.correlation_id);
    if (n % 7919 === 0 && s.user_id !== undefined) userIds.push(s.user_id);
    batch.push(toRecord(s, Date.now()));
    if (batch.length === o.batch) await flush();
  }
  if (batch.length > 0) await flush();
  await duck.execute('CHECKPOINT');
  const blockBytes = await duck.query(`SELECT total_blocks * block_size AS used FROM pragma_database_size()`);
  const [filters] = await duck.query(`SELECT (sum(octet_length(bits::BLOB)) + count(*) * 12)::DOUBLE AS b FROM log_token_filters`);
  const index = Number(filters.b);
  const queries = storeQueries(window, { correlationIds, userIds });
  // With and without the index, taking turns on every run.
  const results = await timeQueries(queries, readers, o.runs);
  const size = duck.sizeOnDisk();
  duck.close();
  process.stdout.write(JSON.stringify({
    options: { ...o, noIndex, words }, records_per_s: Math.round(o.records / (appendMs / 1000)), bytes_per_record: Math.round((size / o.records) * 10) / 10,
    used_bytes_per_record: Math.round((Number(blockBytes[0].used) / o.records) * 10) / 10,
    index_us_per_record: Math.round((indexMs * 1000) / o.records), index_share_of_append: Math.round((indexMs / appendMs) * 100) / 100,
    index_bytes_per_record: Math.round((index / o.records) * 10) / 10, queries: results,
  }, null, 2) + '\n');
  if (a.optionalString('dir') === undefined) rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(`bench-needle: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
