// `npm run bench:load [-- --records 1M --seconds 30 --searchers 20 --clients 2 --batch 500 --repeat --live]`
// Reads against writes: fills a fresh Lognest, then measures bulk ingest alone and again
// while `--searchers` clients run a mix of 12 query shapes back to back. Prints one JSON
// object (also bench/out/last-load-run.json); progress on stderr. Not a timed test.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchHttpClient, describeFailure } from './bench-http';
import { bulkIngest, ndjsonBodies, round } from './bench-ingest';
import { describeMachine, freshServerDirs } from './bench-machine';
import { CliArgs } from './cli-args';
import { LognestServer, RssSampler } from './lognest-server';
import { loadQueryShapes, percentile, runUntil, timedIngest } from './load-phases';
import { sampleTimeWindow } from './sample-log-generator';

const REPO_ROOT = resolve(__dirname, '..', '..');
const ADMIN_PASSWORD = 'bench-password';

const log = (msg: string): void => {
  process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

async function main(): Promise<void> {
  const a = new CliArgs(process.argv.slice(2), ['records', 'seconds', 'searchers', 'clients', 'batch', 'days', 'keep', 'port', 'repeat', 'live']);
  const o = {
    records: Math.floor(a.number('records', 1_000_000)),
    seconds: a.number('seconds', 30),
    searchers: Math.floor(a.number('searchers', 20)),
    clients: Math.max(1, Math.floor(a.number('clients', 2))),
    batch: Math.floor(a.number('batch', 500)),
    days: a.number('days', 7),
    keep: a.flag('keep'),
    repeat: a.flag('repeat'),
    live: a.flag('live'),
    port: a.optionalString('port') === undefined ? undefined : Math.floor(a.number('port', 0)),
  };
  const { tmp, dataDir, uploadsDir } = freshServerDirs('lognest-load-');
  const window = sampleTimeWindow({ days: o.days });
  const report: Record<string, unknown> = {
    started_at: new Date().toISOString(),
    machine: describeMachine(),
    options: o,
  };
  const server = await LognestServer.start({ mainJs: join(REPO_ROOT, 'dist', 'src', 'main.js'), cwd: REPO_ROOT, dataDir, uploadsDir, adminPassword: ADMIN_PASSWORD, port: o.port });
  const sampler = new RssSampler(server.pid);
  sampler.start();
  const http = new BenchHttpClient(server.baseUrl, o.clients + o.searchers + 4);
  try {
    const login = await http.json<{ token?: string }>('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    if (typeof login.data.token !== 'string') throw describeFailure('POST /api/auth/login', login);
    http.token = login.data.token;

    log(`filling ${o.records} records`);
    const correlationIds: string[] = [];
    const fill = await bulkIngest(http, ndjsonBodies({ count: o.records, days: o.days, seed: 11, endMs: window.endMs }, 5000, (id, i) => {
      if (i % 9973 === 0) correlationIds.push(id);
    }), 2);
    report.fill = fill;
    // Endless bodies for the timed phases, from their own seed.
    const bodies = ndjsonBodies({ count: 1e9, days: o.days, seed: 12, endMs: window.endMs }, o.batch);

    log(`solo ingest for ${o.seconds} s`);
    report.solo = await timedIngest(http, bodies, o.clients, o.seconds * 1000, o.live);

    log(`ingest with ${o.searchers} searchers for ${o.seconds} s`);
    const shapes = loadQueryShapes(http, window, correlationIds, !o.repeat);
    const searchMs: number[] = [];
    const perShape: Record<string, number[]> = {};
    let searchErrors = 0;
    const stopAt = Date.now() + o.seconds * 1000;
    const searcher = async (n: number): Promise<void> => {
      let run = n;
      await runUntil(stopAt, async () => {
        const shape = shapes[run % shapes.length];
        const started = performance.now();
        const res = await shape.call(run++);
        const ms = performance.now() - started;
        if (res.status !== 200) searchErrors++;
        searchMs.push(ms);
        (perShape[shape.name] ??= []).push(ms);
      });
    };
    const [mixed] = await Promise.all([
      timedIngest(http, bodies, o.clients, o.seconds * 1000, o.live),
      ...Array.from({ length: o.searchers }, (_, i) => searcher(i * 7)),
    ]);
    report.with_searchers = {
      ingest: mixed,
      searches: searchMs.length,
      search_errors: searchErrors,
      search_p50_ms: percentile(searchMs, 50),
      search_p95_ms: percentile(searchMs, 95),
      search_max_ms: percentile(searchMs, 100),
      per_shape_p50_ms: Object.fromEntries(Object.entries(perShape).map(([k, v]) => [k, percentile(v, 50)])),
    };
    const solo = report.solo as { records_per_s: number };
    report.ingest_ratio_under_load = round(mixed.records_per_s / Math.max(1, solo.records_per_s), 3);
    report.server_rss_max_mb = round(sampler.overallMax / 1024, 1);
  } finally {
    sampler.stop();
    http.close();
    report.server_stop = await server.stop();
    if (o.keep) report.kept_dir = tmp;
    else rmSync(tmp, { recursive: true, force: true });
  }
  const json = JSON.stringify(report, null, 2);
  mkdirSync(join(REPO_ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'out', 'last-load-run.json'), json + '\n');
  process.stdout.write(json + '\n');
}

main().catch((err: unknown) => {
  console.error(`run-load-bench: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
