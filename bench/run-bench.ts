// `npm run bench [-- --quick] [-- --records 10M --ingest 1M --upload-lines 1M --keep]`
// Starts Lognest on fresh temp dirs, ingests generated logs through the real HTTP paths,
// runs the query set and prints one JSON object (also written to bench/out/last-run.json).
// Progress goes to stderr so stdout is only the JSON.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { runAnomalyBench } from './bench-anomalies';
import { runPatternBench } from './bench-patterns';
import { BenchHttpClient, describeFailure } from './bench-http';
import { IngestResult, NdjsonBody, bulkIngest, ndjsonBodies, round } from './bench-ingest';
import { QueryTiming, querySet, timeQuery } from './bench-queries';
import { UploadResult, uploadAndWait } from './bench-upload';
import { describeMachine, freshServerDirs } from './bench-machine';
import { CliArgs } from './cli-args';
import { dirBytes } from './dir-bytes';
import { LognestServer, RssSampler } from './lognest-server';
import { writeLogFileParallel } from './parallel-log-writer';
import { GenerationStats } from './generation-stats';
import { sampleTimeWindow } from './sample-log-generator';

const REPO_ROOT = resolve(__dirname, '..', '..');
const ADMIN_PASSWORD = 'bench-password';

interface BenchOptions {
  records: number;
  ingest: number;
  uploadLines: number;
  batch: number;
  concurrency: number;
  runs: number;
  warmup: number;
  days: number;
  seed: number;
  keep: boolean;
  quick: boolean;
}

function parseOptions(argv: string[]): BenchOptions {
  const a = new CliArgs(argv, ['records', 'ingest', 'upload-lines', 'batch', 'concurrency', 'runs', 'warmup', 'days', 'seed', 'keep', 'quick']);
  const quick = a.flag('quick');
  return {
    quick,
    records: Math.floor(a.number('records', quick ? 1_000_000 : 10_000_000)),
    ingest: Math.floor(a.number('ingest', quick ? 200_000 : 1_000_000)),
    uploadLines: Math.floor(a.number('upload-lines', quick ? 200_000 : 1_000_000)),
    batch: Math.floor(a.number('batch', 5_000)),
    concurrency: Math.max(1, Math.floor(a.number('concurrency', 2))),
    runs: Math.max(1, Math.floor(a.number('runs', 20))),
    warmup: Math.floor(a.number('warmup', 2)),
    days: a.number('days', 7),
    seed: Math.floor(a.number('seed', 1)),
    keep: a.flag('keep'),
  };
}

const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const { tmp, dataDir, uploadsDir } = freshServerDirs('lognest-bench-');
  const window = sampleTimeWindow({ days: o.days });
  const report: Record<string, unknown> = {
    started_at: new Date().toISOString(),
    machine: describeMachine(),
    options: { ...o, data_window: { from: new Date(window.startMs).toISOString(), to: new Date(window.endMs).toISOString() } },
  };
  const errors: Array<{ phase: string; error: string }> = [];
  report.errors = errors;
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    log(`${name} ...`);
    try {
      const result = await run();
      report[name] = result;
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ phase: name, error: message });
      log(`${name} failed: ${message}`);
      return undefined;
    }
  };

  let server: LognestServer | undefined;
  let sampler: RssSampler | undefined;
  const client = { current: undefined as BenchHttpClient | undefined };
  try {
    server = await LognestServer.start({
      mainJs: join(REPO_ROOT, 'dist', 'src', 'main.js'),
      cwd: REPO_ROOT,
      dataDir,
      uploadsDir,
      adminPassword: ADMIN_PASSWORD,
    });
    log(`Lognest pid ${server.pid} on ${server.baseUrl}, data in ${dataDir}`);
    sampler = new RssSampler(server.pid);
    sampler.start();
    const http = new BenchHttpClient(server.baseUrl, o.concurrency + 2);
    client.current = http;
    const login = await http.json<{ token?: string }>('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    if (login.status !== 200 && login.status !== 201) throw describeFailure('POST /api/auth/login', login);
    if (typeof login.data.token !== 'string') throw new Error('POST /api/auth/login answered without a token');
    http.token = login.data.token;
    const rss = sampler;
    report.idle_rss_mb = rss.takePhaseMaxMb();

    // a. HTTP bulk ingest, bodies serialized before the clock starts.
    const correlationIds: string[] = [];
    log(`serializing ${o.ingest} records into bodies of ${o.batch}`);
    const bodies: NdjsonBody[] = [
      ...ndjsonBodies({ count: o.ingest, days: o.days, seed: o.seed, endMs: window.endMs }, o.batch, (id, i) => {
        if (i % 9973 === 0) correlationIds.push(id);
      }),
    ];
    const ingest = await phase('ingest_http', async () => ({
      batch_size: o.batch,
      concurrency: o.concurrency,
      body_mb: round(bodies.reduce((s, b) => s + b.data.length, 0) / 1024 / 1024, 1),
      ...(await bulkIngest(http, bodies[Symbol.iterator](), o.concurrency)),
      server_rss_max_mb: rss.takePhaseMaxMb(),
    }));
    bodies.length = 0;

    // b. Upload of one NDJSON file.
    const uploadFile = join(tmp, 'bench-upload.ndjson');
    const upload = o.uploadLines <= 0 ? undefined : await phase('upload', async (): Promise<UploadResult & { server_rss_max_mb: number }> => {
      await writeLogFileParallel(uploadFile, 'json', { count: o.uploadLines, days: o.days, seed: o.seed + 1, endMs: window.endMs }, Math.min(2, os.availableParallelism()), new GenerationStats());
      rss.takePhaseMaxMb();
      const result = await uploadAndWait(http, uploadFile, o.uploadLines, 60 * 60_000);
      rmSync(uploadFile, { force: true });
      return { ...result, server_rss_max_mb: rss.takePhaseMaxMb() };
    });

    // c. Fill to the target size, bodies generated while sending; then the query set.
    const stored = (ingest?.accepted ?? 0) + (upload?.accepted ?? (upload?.status === 'completed' ? o.uploadLines : 0));
    const fillCount = Math.max(0, o.records - stored);
    if (fillCount > 0) {
      await phase('fill', async (): Promise<IngestResult & { server_rss_max_mb: number }> => ({
        ...(await bulkIngest(http, ndjsonBodies({ count: fillCount, days: o.days, seed: o.seed + 2, endMs: window.endMs }, o.batch), o.concurrency)),
        server_rss_max_mb: rss.takePhaseMaxMb(),
      }));
    }
    const queries: Record<string, QueryTiming | { error: string }> = {};
    report.queries = queries;
    for (const [name, q] of Object.entries(querySet(http, { window, correlationIds, runs: o.runs, warmup: o.warmup }))) {
      const timing = await phase(`query ${name}`, () => timeQuery(name, q.request, q.call, o.runs, o.warmup));
      delete report[`query ${name}`];
      queries[name] = timing ?? { error: errors[errors.length - 1].error };
    }
    report.query_rss_max_mb = rss.takePhaseMaxMb();

    // d. Bytes per record while running, then after a clean stop.
    await phase('storage', async () => {
      const overview = await http.json<Record<string, unknown>>('GET', '/api/metrics/overview');
      const total = typeof overview.data.total_logs === 'number' ? overview.data.total_logs : null;
      const bytes = dirBytes(dataDir);
      return { total_logs: total, data_dir_bytes: bytes, bytes_per_record: total ? round(bytes / total, 1) : null };
    });
  } catch (err) {
    errors.push({ phase: 'setup', error: err instanceof Error ? err.message : String(err) });
    log(`aborted: ${errors[errors.length - 1].error}`);
  } finally {
    sampler?.stop();
    if (sampler) report.server_rss_max_mb = round(sampler.overallMax / 1024, 1);
    client.current?.close();
    if (server) {
      const stop = await server.stop();
      report.server_stop = stop;
      const storage = report.storage as { total_logs: number | null } | undefined;
      const after = dirBytes(dataDir);
      report.storage = { ...storage, data_dir_bytes_after_stop: after, bytes_per_record_after_stop: storage?.total_logs ? round(after / storage.total_logs, 1) : null };
      if (errors.length > 0) report.server_output_tail = server.output.slice(-4000);
    }
    if (o.keep) report.kept_dir = tmp;
    else rmSync(tmp, { recursive: true, force: true });
  }
  report.finished_at = new Date().toISOString();
  const json = JSON.stringify(report, null, 2);
  const outDir = join(REPO_ROOT, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'last-run.json'), json + '\n');
  process.stdout.write(json + '\n');
  if (errors.length > 0) process.exitCode = 1;
}


// `--anomalies` measures detection quality instead (bench-anomalies.ts), `--patterns` the cost
// and accuracy of pattern ids (bench-patterns.ts): no server, no HTTP.
const mode = process.argv.includes('--anomalies') ? 'anomalies' : process.argv.includes('--patterns') ? 'patterns' : 'full';
(mode === 'anomalies' ? runAnomalyBench(process.argv.slice(2)) : mode === 'patterns' ? runPatternBench(process.argv.slice(2)) : main()).catch((err: unknown) => {
  console.error(`run-bench: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
