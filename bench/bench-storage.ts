// `npm run bench:storage -- [--records 300k] [--batch 5000] [--spool DIR] [--compression SPEC]
//   [--checkpoint-threshold 64MB] [--set name=value,...] [--runs 5] [--keep DIR | --compare DIR,DIR [--two-scans] [--keys-first]]`
// Where the DuckDB store's bytes go, and what a storage setting costs (docs/decisions/0170).
// Spools the bench's generated records once into --spool (files of --batch records, reused by
// later runs with the same options), loads them through DuckDbLogWriteStore.appendSpooled one
// file a commit (as HTTP bulks of --batch commit), CHECKPOINTs, and prints: ingest rate and
// process CPU a record (DuckDB's threads included), bytes a record on disk, row groups,
// bytes a record per column with DuckDB's compression, RSS after ingest / checkpoint / queries,
// and p50 of the peer bench's query shapes. --compression: `schema` (the schema's, default),
// `auto` (DuckDB's choice everywhere) or `col=method,...`; --set: DuckDB settings applied after
// open (such as threads=1); --checkpoint-threshold as LOGNEST_DUCKDB_CHECKPOINT_THRESHOLD.
// Run variants as separate processes, alternating; `--compare DIR,DIR` then times the queries
// on stores kept with --keep, taking turns.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import os from 'node:os';
import { join } from 'node:path';
import { DuckDbDatabase } from '../src/logs/duckdb/duckdb-database';
import { DuckDbLogReadStore } from '../src/logs/duckdb/duckdb-log-read-store';
import { DuckDbLogWriteStore } from '../src/logs/duckdb/duckdb-log-write-store';
import { COLUMN_COMPRESSION, LOGS_TABLE, createLogsTableSql } from '../src/logs/duckdb/duckdb-schema';
import { toStoredJson } from '../src/logs/stored-record';
import { CliArgs } from './cli-args';
import { TimeWindow, generateLogBatches, sampleTimeWindow } from './sample-log-generator';
import { BENCH_TENANT, NeedleSamples, storeQueries, timeQueries, toRecord } from './store-bench-data';

interface SpoolManifest {
  records: number;
  batch: number;
  files: string[];
  window: TimeWindow;
  samples: NeedleSamples;
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

function spool(dir: string, records: number, batch: number): SpoolManifest {
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as SpoolManifest;
    if (m.records === records && m.batch === batch) return m;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const window = sampleTimeWindow({ days: 7 });
  const samples: NeedleSamples = { correlationIds: [], userIds: [] };
  const files: string[] = [];
  let n = 0;
  let lines: string[] = [];
  const flush = () => {
    const file = join(dir, `${String(files.length).padStart(5, '0')}.ndjson`);
    writeFileSync(file, lines.join('\n') + '\n');
    files.push(file);
    lines = [];
  };
  for (const generated of generateLogBatches({ count: records, days: 7, seed: 21, endMs: window.endMs })) {
    for (const s of generated) {
      if (n++ % 9973 === 0) samples.correlationIds.push(s.correlation_id);
      if (n % 7919 === 0 && s.user_id !== undefined) samples.userIds.push(s.user_id);
      lines.push(toStoredJson(toRecord(s, Date.now())));
      if (lines.length === batch) flush();
    }
  }
  if (lines.length > 0) flush();
  const manifest = { records, batch, files, window, samples };
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return manifest;
}

function compressionOf(spec: string): Readonly<Record<string, string>> {
  if (spec === 'schema') return COLUMN_COMPRESSION;
  if (spec === 'auto') return {};
  return Object.fromEntries(spec.split(',').map((pair) => {
    const [column, method] = pair.split('=');
    if (!column || !method) throw new Error(`--compression: expected col=method, got '${pair}'`);
    return [column.trim(), method.trim()];
  }));
}

/**
 * --compare DIR,DIR…: the query shapes on stores kept by earlier runs (--keep), taking turns.
 * With --two-scans, each store also read with text searches paged and counted in two scans
 * (the plan before decision 0172), as `DIR two-scans`; with --keys-first, with every page
 * chosen by key before its rows are read (the plan before decision 0174), as `DIR keys-first`.
 */
async function compare(dirs: string[], manifest: SpoolManifest, runs: number, twoScans: boolean, keysFirst: boolean): Promise<void> {
  for (const d of dirs) if (!existsSync(join(d, 'logs.duckdb'))) throw new Error(`--compare: no ${join(d, 'logs.duckdb')} (make it with --keep ${d})`);
  const open = await Promise.all(dirs.map((d) => DuckDbDatabase.open(join(d, 'logs.duckdb'), { memoryLimit: '512MB' })));
  const readers = Object.fromEntries(dirs.flatMap((d, i) => [
    [d, new DuckDbLogReadStore(open[i], { useTokenIndex: false })],
    ...(twoScans ? [[`${d} two-scans`, new DuckDbLogReadStore(open[i], { useTokenIndex: false, oneScanText: false })]] : []),
    ...(keysFirst ? [[`${d} keys-first`, new DuckDbLogReadStore(open[i], { useTokenIndex: false, wholeRowPages: false })]] : []),
  ]));
  const results = await timeQueries(storeQueries(manifest.window, manifest.samples), readers, runs);
  for (const duck of open) duck.close();
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

async function main(): Promise<void> {
  const a = new CliArgs(process.argv.slice(2), ['records', 'batch', 'spool', 'compression', 'set', 'runs', 'keep', 'memory-limit', 'checkpoint-threshold', 'compare', 'two-scans', 'keys-first']);
  const records = Math.floor(a.number('records', 300_000));
  const batch = Math.floor(a.number('batch', 5000));
  const runs = Math.floor(a.number('runs', 5));
  const compression = a.string('compression', 'schema');
  const settings = (a.optionalString('set') ?? '').split(',').filter((s) => s !== '');
  const manifest = spool(a.optionalString('spool') ?? join(os.tmpdir(), `lognest-storage-spool-${records}-${batch}`), records, batch);
  const compared = a.optionalString('compare');
  if (compared !== undefined) return compare(compared.split(','), manifest, runs, a.flag('two-scans'), a.flag('keys-first'));
  const dir = a.optionalString('keep') ?? mkdtempSync(join(os.tmpdir(), 'lognest-storage-'));
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, 'logs.duckdb'), { force: true });
  rmSync(join(dir, 'logs.duckdb.wal'), { force: true });
  const file = join(dir, 'logs.duckdb');
  // The table first, with the compression under test; open() then finds it (CREATE … IF NOT EXISTS).
  {
    const instance = await DuckDBInstance.create(file, { storage_compatibility_version: 'latest' });
    const c = await instance.connect();
    await c.run(createLogsTableSql(compressionOf(compression)));
    c.closeSync();
    instance.closeSync();
  }
  const checkpointThreshold = a.string('checkpoint-threshold', '64MB');
  const duck = await DuckDbDatabase.open(file, { memoryLimit: a.string('memory-limit', '512MB'), checkpointThreshold });
  for (const s of settings) {
    const [name, value] = s.split('=');
    await duck.execute(`SET ${name} = '${value.replace(/'/g, "''")}'`);
  }
  const writer = new DuckDbLogWriteStore(duck, join(dir, 'spool'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of manifest.files) await writer.appendSpooled([{ tenantId: BENCH_TENANT, path: f, count: batch }]);
  const ingestMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const rssAfterIngest = process.memoryUsage().rss;
  const checkpoint0 = performance.now();
  await duck.execute('CHECKPOINT');
  const checkpointMs = performance.now() - checkpoint0;
  const rssAfterCheckpoint = process.memoryUsage().rss;
  const [size] = await duck.query(`SELECT total_blocks, free_blocks, block_size FROM pragma_database_size()`);
  const [groups] = await duck.query(`SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM pragma_storage_info('${LOGS_TABLE}')`);
  // A segment's bytes: up to the next segment's offset in its block (the last one: to the block's end).
  const columns = await duck.query(
    `WITH s AS (SELECT column_name, compression, block_id, block_offset, additional_block_ids FROM pragma_storage_info('${LOGS_TABLE}') WHERE persistent AND block_id >= 0),
     o AS (SELECT *, coalesce(lead(block_offset) OVER (PARTITION BY block_id ORDER BY block_offset), ${Number(size.block_size)} - 8) - block_offset
       + ${Number(size.block_size)} * coalesce(len(additional_block_ids), 0) AS bytes FROM s)
     SELECT column_name, string_agg(DISTINCT compression, '+' ORDER BY compression) AS compression, sum(bytes)::DOUBLE AS bytes FROM o GROUP BY 1 ORDER BY 3 DESC`,
  );
  const queries = await timeQueries(storeQueries(manifest.window, manifest.samples), { store: new DuckDbLogReadStore(duck, { useTokenIndex: false }) }, runs);
  const rssAfterQueries = process.memoryUsage().rss;
  const onDisk = duck.sizeOnDisk();
  duck.close();
  const perRecord = (bytes: number) => Math.round((bytes / records) * 100) / 100;
  process.stdout.write(JSON.stringify({
    options: { records, batch, compression, checkpointThreshold, settings },
    records_per_s: Math.round(records / (ingestMs / 1000)),
    cpu_us_per_record: Math.round(((cpu.user + cpu.system) / records) * 10) / 10,
    checkpoint_ms: Math.round(checkpointMs),
    bytes_per_record: perRecord(onDisk),
    free_blocks: Number(size.free_blocks),
    row_groups: groups.n,
    rss_mb: { after_ingest: mb(rssAfterIngest), after_checkpoint: mb(rssAfterCheckpoint), after_queries: mb(rssAfterQueries) },
    columns: Object.fromEntries(columns.filter((c) => Number(c.bytes) / records >= 0.05).map((c) => [c.column_name, `${perRecord(Number(c.bytes))} ${c.compression}`])),
    queries: Object.fromEntries(Object.entries(queries).map(([name, by]) => [name, by.store])),
  }, null, 2) + '\n');
  if (a.optionalString('keep') === undefined) rmSync(dir, { recursive: true, force: true });
  else for (const f of readdirSync(join(dir))) if (f === 'spool') rmSync(join(dir, f), { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(`bench-storage: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
