// `npm run bench:peers [-- --records 300k --rounds 3 --runs 10 --warmup 2 --no-elasticsearch]`
// Lognest, Elasticsearch 8.19 (2 GB heap, explicit mapping) and VictoriaLogs 1.52.1 on the
// same machine, fed the same generated records the same way (bodies of --batch records from 2
// clients, in --rounds alternating rounds: A B C A B C …), then the same seven queries, each
// run --runs times after --warmup, alternating systems per run, every run over a range a few
// ms wider (no cache hits). Prints a JSON report and a Markdown table of medians and ratios.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { BenchHttpClient, describeFailure } from './bench-http';
import { round } from './bench-ingest';
import { describeMachine } from './bench-machine';
import { CliArgs } from './cli-args';
import { dirBytes } from './dir-bytes';
import { LognestServer } from './lognest-server';
import { cpuSeconds, PeerProcess, rssMb, startElasticsearch, startVictoriaLogs } from './peer-servers';
import { elasticsearchSystem, lognestSystem, PeerSystem, QUERY_NAMES, QueryWindow, victoriaLogsSystem } from './peer-systems';
import { peerTable, median } from './peer-report';
import { generateLogs, sampleTimeWindow } from './sample-log-generator';
import { SEARCH_WORDS } from './sample-log-catalog';
import { toNdjsonLine } from './sample-log-writer';

const REPO_ROOT = resolve(__dirname, '..', '..');
const log = (msg: string) => process.stderr.write(`[peers ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

interface Running {
  system: PeerSystem;
  pid: () => number;
  dataDir: string;
  stop: () => Promise<unknown>;
  ingest: { seconds: number; cpu: number; records: number; rssMax: number }[];
}

async function main(): Promise<void> {
  const a = new CliArgs(process.argv.slice(2), ['records', 'rounds', 'runs', 'warmup', 'batch', 'days', 'lognest-port', 'es-port', 'vl-port', 'keep', 'no-elasticsearch']);
  const o = {
    records: Math.floor(a.number('records', 300_000)),
    rounds: Math.max(1, Math.floor(a.number('rounds', 3))),
    runs: Math.max(1, Math.floor(a.number('runs', 10))),
    warmup: Math.floor(a.number('warmup', 2)),
    batch: Math.floor(a.number('batch', 5000)),
    days: a.number('days', 7),
    keep: a.flag('keep'),
    // --no-elasticsearch: Lognest and VictoriaLogs only (light enough to run beside other work).
    noElasticsearch: a.flag('no-elasticsearch'),
    ports: { lognest: Math.floor(a.number('lognest-port', 8124)), es: Math.floor(a.number('es-port', 9260)), vl: Math.floor(a.number('vl-port', 9438)) },
  };
  const tmp = mkdtempSync(join(os.tmpdir(), 'lognest-peers-'));
  const window = sampleTimeWindow({ days: o.days });
  log(`generating ${o.records} records`);
  const lines: string[] = [];
  const correlationIds: string[] = [];
  for (const r of generateLogs({ count: o.records, days: o.days, seed: 21, endMs: window.endMs })) {
    if (lines.length % 9973 === 0) correlationIds.push(r.correlation_id);
    lines.push(toNdjsonLine(r));
  }
  const running: Running[] = [];
  const report: Record<string, unknown> = { started_at: new Date().toISOString(), machine: describeMachine(), options: o, ndjson_bytes: lines.reduce((s, l) => s + l.length + 1, 0) };
  try {
    const lognest = await LognestServer.start({ mainJs: join(REPO_ROOT, 'dist', 'src', 'main.js'), cwd: REPO_ROOT, dataDir: join(tmp, 'lognest-data'), uploadsDir: join(tmp, 'lognest-uploads'), adminPassword: 'bench-password', port: o.ports.lognest });
    const lhttp = new BenchHttpClient(lognest.baseUrl, 6);
    const login = await lhttp.json<{ token?: string }>('POST', '/api/auth/login', { username: 'admin', password: 'bench-password' });
    if (typeof login.data.token !== 'string') throw describeFailure('login', login);
    lhttp.token = login.data.token;
    running.push({ system: lognestSystem(lhttp), pid: () => lognest.pid, dataDir: join(tmp, 'lognest-data'), stop: () => lognest.stop(), ingest: [] });
    if (!o.noElasticsearch) {
      log('starting Elasticsearch');
      const es: PeerProcess = await startElasticsearch(o.ports.es, o.ports.es + 100, join(tmp, 'es'));
      running.push({ system: elasticsearchSystem(new BenchHttpClient(es.baseUrl, 6)), pid: es.pid, dataDir: es.dataDir, stop: es.stop, ingest: [] });
    }
    const vl = await startVictoriaLogs(o.ports.vl, join(tmp, 'vl'));
    running.push({ system: victoriaLogsSystem(new BenchHttpClient(vl.baseUrl, 6)), pid: vl.pid, dataDir: vl.dataDir, stop: vl.stop, ingest: [] });
    for (const r of running) await r.system.setup();

    // Ingest: the records in `rounds` slices, each slice sent to every system in turn.
    const slice = Math.ceil(lines.length / o.rounds);
    for (let round = 0; round < o.rounds; round++) {
      const part = lines.slice(round * slice, (round + 1) * slice);
      for (const r of running) {
        const bodies: Buffer[] = [];
        for (let i = 0; i < part.length; i += o.batch) bodies.push(r.system.prepare(part.slice(i, i + o.batch)));
        log(`round ${round + 1}: ${r.system.name} ingests ${part.length}`);
        r.ingest.push(await timedIngest(r, bodies, part.length));
      }
    }
    for (const r of running) await r.system.settle();
    await new Promise((done) => setTimeout(done, 5000));
    const idle = Object.fromEntries(running.map((r) => [r.system.name, rssMb(r.pid())]));

    // Queries, alternating systems on every run.
    const w: QueryWindow = {
      from: window.startMs - 86_400_000, to: window.endMs + 86_400_000, lastHourFrom: window.endMs - 3_600_000,
      word: (run) => SEARCH_WORDS[run % SEARCH_WORDS.length], correlationId: (run) => correlationIds[run % correlationIds.length],
    };
    const times: Record<string, Record<string, number[]>> = {};
    const answers: Record<string, Record<string, number[]>> = {};
    for (const q of QUERY_NAMES) {
      log(`query ${q}`);
      for (let run = -o.warmup; run < o.runs; run++) {
        for (const r of running) {
          const started = performance.now();
          const answer = await r.system.query(q, w, run + o.warmup);
          const ms = performance.now() - started;
          if (run < 0) continue;
          ((times[q] ??= {})[r.system.name] ??= []).push(ms);
          ((answers[q] ??= {})[r.system.name] ??= []).push(answer);
        }
      }
    }
    const systems = running.map((r) => {
      const recs = sumOf(r.ingest.map((i) => i.records));
      return {
        name: r.system.name,
        ingest_records_per_s: Math.round(median(r.ingest.map((i) => i.records / i.seconds))),
        cpu_us_per_record: round((sumOf(r.ingest.map((i) => i.cpu)) / recs) * 1e6, 1),
        peak_rss_mb: Math.max(...r.ingest.map((i) => i.rssMax)),
        idle_rss_mb: idle[r.system.name],
        disk_bytes_per_record: round(dirBytes(r.dataDir) / recs, 1),
        query_p50_ms: Object.fromEntries(QUERY_NAMES.map((q) => [q, round(median(times[q][r.system.name]), 1)])),
        answers: Object.fromEntries(QUERY_NAMES.map((q) => [q, answers[q][r.system.name]])),
      };
    });
    report.systems = systems;
    report.table = peerTable(systems, QUERY_NAMES);
  } finally {
    for (const r of running.reverse()) await r.stop().catch(() => undefined);
    if (o.keep) report.kept_dir = tmp;
    else rmSync(tmp, { recursive: true, force: true });
  }
  const json = JSON.stringify(report, null, 2);
  mkdirSync(join(REPO_ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench', 'out', 'last-peer-run.json'), json + '\n');
  process.stdout.write(json + '\n\n' + String(report.table) + '\n');
}

/** Sends the bodies from 2 clients; measures wall time, the server's CPU time and its peak RSS. */
async function timedIngest(r: Running, bodies: Buffer[], records: number) {
  const pid = r.pid();
  const cpuBefore = cpuSeconds(pid);
  let rssMax = rssMb(pid);
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(pid))), 200);
  const started = performance.now();
  let next = 0;
  const client = async () => {
    while (next < bodies.length) await r.system.send(bodies[next++]);
  };
  await Promise.all([client(), client()]);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, cpu: cpuSeconds(pid) - cpuBefore, records, rssMax: Math.max(rssMax, rssMb(pid)) };
}

const sumOf = (v: number[]) => v.reduce((a, b) => a + b, 0);



main().catch((err: unknown) => {
  console.error(`run-peer-bench: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
