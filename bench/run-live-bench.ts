// `npm run bench:live [-- --quick] [--rate 10000] [--latency-seconds 20] [--socket-subscribers 5]
//   [--sse-subscribers 5] [--throughput-records 200000] [--rounds 2] [--filtered-subscribers 50]
//   [--rss-seconds 60] [--rss-rounds 2] [--phases latency,throughput,memory] [--server-node-args="--require x.js"]`
// The live tail's three speed goals (issue 6) on one fresh Lognest (child process):
//  1. latency: from the 2xx of POST /api/logs/bulk to the arrival of each record at socket.io
//     and SSE subscribers (empty filter, every record), ingest paced at --rate records/s;
//  2. throughput: durable ingest rate with --filtered-subscribers socket.io subscribers, each
//     with its own filter, against the rate with none (runs alternate; medians compared); the
//     subscribers run in a child process (bench/live-subscriber-process.ts), as subscribers
//     are never in the shipper's process;
//  3. memory: server RSS over --rss-seconds at --rate with no subscriber (control), then with
//     a socket.io and an SSE subscriber that never read (their TCP sockets paused), --rss-rounds
//     times (A B A B: the control's own growth, DuckDB caching the blocks it writes, drifts
//     from phase to phase); also what the server holds for them (lognest_live_buffered_records,
//     and lognest_live_unsent_bytes for what their connections hold unsent) and its JS heap in
//     use plus Buffers at each phase's end.
// LOGNEST_LIVE_MAX_RATE is raised to 100000 so every record is offered to every subscriber:
// the per-second budget is not what keeps these numbers. Prints one JSON object; progress on
// stderr. The bench process shares the 2 cores with the server. Not a timed test.

import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchHttpClient, describeFailure } from './bench-http';
import { bulkIngest, NdjsonBody, round } from './bench-ingest';
import { describeMachine, freshServerDirs } from './bench-machine';
import { percentile } from './bench-queries';
import { CliArgs } from './cli-args';
import { BenchSubscriber, LiveFiltersInput, SocketSubscriber, SseSubscriber } from './live-bench-clients';
import { SubscriberProcess } from './live-subscriber-process';
import { LognestServer, RssSampler, sleep } from './lognest-server';
import { Prng } from './prng';

const REPO_ROOT = resolve(__dirname, '..', '..');
const ADMIN_PASSWORD = 'bench-password';
const SERVICES = Array.from({ length: 10 }, (_, i) => `svc-${i}`);
const MAX_IN_FLIGHT = 8;
const log = (msg: string): void => void process.stderr.write(`[live ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** Ingest answers and their time, per sequence number range. */
interface Ack {
  firstSeq: number;
  count: number;
  at: number;
}

/** Synthetic records with a `bench_seq` field the subscribers key arrivals by. */
class LiveRecordSource {
  private readonly prng = new Prng(6);
  seq = 0;

  body(count: number): NdjsonBody & { firstSeq: number } {
    const firstSeq = this.seq;
    const now = Date.now();
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const p = this.prng.next();
      const level = p < 0.02 ? 'CRITICAL' : p < 0.1 ? 'ERROR' : p < 0.2 ? 'WARNING' : p < 0.3 ? 'DEBUG' : 'INFO';
      const service = SERVICES[this.prng.int(0, SERVICES.length - 1)];
      const status = level === 'ERROR' || level === 'CRITICAL' ? 500 + this.prng.int(0, 4) : 200 + this.prng.int(0, 4);
      const ms = this.prng.int(1, 3_000);
      const message = level === 'ERROR' ? `payment failed for order ${this.prng.int(1, 1e6)}` : ms > 2_500 ? `upstream timeout after ${ms} ms` : `request completed in ${ms} ms`;
      lines.push(JSON.stringify({
        timestamp: new Date(now).toISOString(), level, service, server: `host-${this.prng.int(0, 3)}`, message,
        endpoint: `/api/${['orders', 'users', 'cart', 'search'][this.prng.int(0, 3)]}/${this.prng.int(1, 999)}`,
        method: 'GET', status_code: status, response_time_ms: ms, bench_seq: this.seq++,
      }));
    }
    return { records: count, data: Buffer.from(lines.join('\n') + '\n'), firstSeq };
  }
}

/** 50 distinct filters: 5 shapes of the query language over 10 services. */
function distinctFilters(n: number): LiveFiltersInput[] {
  const shapes: ((s: string) => LiveFiltersInput)[] = [
    (s) => ({ service: s }),
    (s) => ({ query: `service:${s} AND status_code:>=500` }),
    (s) => ({ query: `"payment failed" AND service:${s}` }),
    (s) => ({ level: 'ERROR', query: `endpoint:/api/orders* service:${s}` }),
    (s) => ({ query: `/time(d)?out/ AND -level:DEBUG AND service:${s}` }),
  ];
  return Array.from({ length: n }, (_, i) => shapes[i % shapes.length](SERVICES[Math.floor(i / shapes.length) % SERVICES.length]));
}

/** Sends `rate` records/s for `seconds` in bodies of `batch`, not waiting for answers to send the next. */
async function pacedIngest(http: BenchHttpClient, source: LiveRecordSource, rate: number, seconds: number, batch: number): Promise<{ acks: Ack[]; records_per_s: number; failures: number }> {
  const acks: Ack[] = [];
  const bodies = Math.max(1, Math.round((rate * seconds) / batch));
  const intervalMs = (batch / rate) * 1000;
  const started = performance.now();
  let failures = 0;
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < bodies; i++) {
    const wait = started + i * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    // A server that falls behind gets at most MAX_IN_FLIGHT requests at once: the rate then drops, and the report says so.
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const body = source.body(batch);
    const sent = http.requestWithBackoff('POST', '/api/logs/bulk', { headers: { 'Content-Type': 'application/x-ndjson' }, body: body.data }).then((res) => {
      if (res.status >= 200 && res.status < 300) acks.push({ firstSeq: body.firstSeq, count: body.records, at: performance.now() });
      else failures++;
    }).finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return { acks, records_per_s: Math.round(acks.reduce((n, a) => n + a.count, 0) / elapsed), failures };
}

/** A gauge of the server's /metrics (the bench logs in as an installation admin); null if absent. */
async function gauge(http: BenchHttpClient, name: string): Promise<number | null> {
  const res = await http.request('GET', '/metrics');
  const line = res.body.toString('utf8').split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? null : Number(line.slice(name.length + 1));
}

/** Latency from each record's ingest answer to its arrival, over the subscribers given. */
function latencies(acks: Ack[], subscribers: BenchSubscriber[]) {
  const ms: number[] = [];
  let expected = 0;
  let beforeAnswer = 0;
  for (const s of subscribers) {
    for (const a of acks) {
      expected += a.count;
      for (let seq = a.firstSeq; seq < a.firstSeq + a.count; seq++) {
        const at = s.arrivals[seq];
        if (Number.isNaN(at)) continue;
        if (at < a.at) beforeAnswer++;
        ms.push(Math.max(0, at - a.at));
      }
    }
  }
  return {
    subscribers: subscribers.length,
    delivered: ms.length,
    expected,
    dropped_notices: subscribers.reduce((n, s) => n + s.dropped, 0),
    // The record and the HTTP answer race on loopback; a record first counts as 0 ms.
    arrived_before_answer: beforeAnswer,
    p50_ms: ms.length ? percentile(ms, 50) : null,
    p99_ms: ms.length ? percentile(ms, 99) : null,
    max_ms: ms.length ? percentile(ms, 100) : null,
  };
}

async function main(): Promise<void> {
  const args = new CliArgs(process.argv.slice(2), ['quick', 'rate', 'latency-seconds', 'socket-subscribers', 'sse-subscribers', 'throughput-records', 'rounds', 'filtered-subscribers', 'rss-seconds', 'rss-rounds', 'keep', 'server-node-args', 'phases']);
  const quick = args.flag('quick');
  const o = {
    rate: args.number('rate', 10_000),
    latencySeconds: args.number('latency-seconds', quick ? 5 : 20),
    socketSubscribers: args.number('socket-subscribers', 5),
    sseSubscribers: args.number('sse-subscribers', 5),
    throughputRecords: args.number('throughput-records', quick ? 30_000 : 200_000),
    rounds: args.number('rounds', quick ? 1 : 2),
    filteredSubscribers: args.number('filtered-subscribers', 50),
    rssSeconds: args.number('rss-seconds', quick ? 10 : 60),
    rssRounds: args.number('rss-rounds', quick ? 1 : 2),
    batch: 500,
  };
  const serverNodeArgs = args.optionalString('server-node-args');
  const phases = new Set(args.string('phases', 'latency,throughput,memory').split(','));
  const { tmp, dataDir, uploadsDir } = freshServerDirs('lognest-live-bench-');
  const report: Record<string, unknown> = { bench: 'live', machine: describeMachine(), date: new Date().toISOString(), options: o };
  let server: LognestServer | undefined;
  let sampler: RssSampler | undefined;
  const open: BenchSubscriber[] = [];
  try {
    server = await LognestServer.start({
      mainJs: join(REPO_ROOT, 'dist', 'src', 'main.js'), cwd: REPO_ROOT, dataDir, uploadsDir, adminPassword: ADMIN_PASSWORD,
      env: { LOGNEST_LIVE_MAX_RATE: '100000', LOGNEST_RATE_LIMITS: 'off' },
      // --server-node-args="--require ./profile.js": Node options for the server (profiling it, say).
      nodeArgs: serverNodeArgs ? serverNodeArgs.split(' ').filter(Boolean) : [],
    });
    log(`Lognest pid ${server.pid} on ${server.baseUrl}`);
    sampler = new RssSampler(server.pid);
    sampler.start();
    const login = await new BenchHttpClient(server.baseUrl, 1).json<{ token?: string }>('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    if (typeof login.data.token !== 'string') throw describeFailure('POST /api/auth/login', login);
    const token = login.data.token;
    // A fresh keep-alive pool per phase: the server closes connections idle for 5 s between phases.
    let http = new BenchHttpClient(server.baseUrl, MAX_IN_FLIGHT);
    const freshClient = () => {
      http.close();
      http = new BenchHttpClient(server!.baseUrl, MAX_IN_FLIGHT);
      http.token = token;
    };
    http.token = token;
    const source = new LiveRecordSource();
    const closeAll = () => open.splice(0).forEach((s) => s.close());

    // Warm up: the first commits create the table and JIT the paths.
    await pacedIngest(http, source, o.rate, 2, o.batch);

    // 1. Latency.
    if (phases.has('latency')) {
      log(`latency: ${o.socketSubscribers} socket.io + ${o.sseSubscribers} SSE subscribers, ${o.rate} records/s for ${o.latencySeconds} s`);
      const sockets = await Promise.all(Array.from({ length: o.socketSubscribers }, () => SocketSubscriber.open(server!.baseUrl, token, {})));
      const sses = await Promise.all(Array.from({ length: o.sseSubscribers }, () => SseSubscriber.open(server!.baseUrl, token, {})));
      open.push(...sockets, ...sses);
      const capacity = source.seq + Math.ceil(o.rate * o.latencySeconds) + o.batch;
      open.forEach((s) => s.reset(capacity));
      const paced = await pacedIngest(http, source, o.rate, o.latencySeconds, o.batch);
      await sleep(2_000);
      log(`latency phase sent ${paced.acks.length} bodies at ${paced.records_per_s} records/s`);
      report.latency = {
        ingest_records_per_s: paced.records_per_s,
        ingest_failures: paced.failures,
        socket_io: latencies(paced.acks, sockets),
        sse: latencies(paced.acks, sses),
        all: latencies(paced.acks, open),
        server_rss_max_mb: sampler.takePhaseMaxMb(),
      };
      closeAll();
    }

    // 2. Throughput with and without 50 filtered subscribers, alternating.
    if (phases.has('throughput')) {
      const filters = distinctFilters(o.filteredSubscribers);
      const runs: { none: number[]; with: number[]; deliveredWith: number[]; backoffs: number[] } = { none: [], with: [], deliveredWith: [], backoffs: [] };
      for (let round = 0; round < o.rounds; round++) {
        for (const withSubscribers of [false, true]) {
          // The subscribers live in a child process: reading their frames must not delay this process's ingest clients.
          const subs = withSubscribers ? await SubscriberProcess.open({ baseUrl: server!.baseUrl, token, filters }) : null;
          await sleep(500);
          freshClient();
          const bodies = Array.from({ length: Math.ceil(o.throughputRecords / 1_000) }, () => source.body(1_000));
          log(`throughput round ${round + 1}: ${o.throughputRecords} records, ${withSubscribers ? filters.length : 0} subscribers`);
          const result = await bulkIngest(http, bodies[Symbol.iterator](), 4);
          (withSubscribers ? runs.with : runs.none).push(result.records_per_s);
          runs.backoffs.push(result.backoffs_429_503);
          if (subs) {
            await sleep(1_000);
            runs.deliveredWith.push((await subs.counts()).received);
            await subs.close();
          }
        }
      }
      const median = (xs: number[]) => percentile(xs, 50);
      report.throughput = {
        records_per_run: o.throughputRecords,
        batch: 1_000,
        concurrency: 4,
        no_subscribers_records_per_s: runs.none,
        with_subscribers_records_per_s: runs.with,
        subscribers: filters.length,
        records_delivered_to_subscribers: runs.deliveredWith,
        /** Requests answered 429/503 and retried, per run in run order (none, with, none, with...). */
        backoffs_429_503: runs.backoffs,
        ratio: round(median(runs.with) / median(runs.none), 3),
        server_rss_max_mb: sampler.takePhaseMaxMb(),
      };
    }

    // 3. RSS with subscribers that never read, against a control period without them.
    if (phases.has('memory')) {
      const rssPhase = async (label: string) => {
        await sleep(1_000);
        sampler!.takePhaseMaxMb();
        const start = sampler!.takePhaseMaxMb();
        freshClient();
        log(`rss ${label}: ${o.rate} records/s for ${o.rssSeconds} s`);
        const ingest = await pacedIngest(http, source, o.rate, o.rssSeconds, o.batch);
        const max = sampler!.takePhaseMaxMb();
        await sleep(1_000);
        const end = sampler!.takePhaseMaxMb();
        // The JS side alone (heap in use and Buffers), without DuckDB's cache: where anything held for a stuck client would be.
        const js = await Promise.all(['nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes'].map((name) => gauge(http, name)));
        const jsMb = js.includes(null) ? null : round(js.reduce((n: number, b) => n + b!, 0) / 2 ** 20, 1);
        return { ingest_records_per_s: ingest.records_per_s, rss_start_mb: start, rss_max_mb: max, rss_end_mb: end, growth_mb: round(Math.max(max, end) - start, 1), js_heap_and_external_end_mb: jsMb };
      };
      const controls: Awaited<ReturnType<typeof rssPhase>>[] = [];
      const nevers: (Awaited<ReturnType<typeof rssPhase>> & { live_buffered_records: number | null; live_unsent_bytes: number | null })[] = [];
      for (let round = 0; round < o.rssRounds; round++) {
        controls.push(await rssPhase(`control ${round + 1} (no subscriber)`));
        const stuck = [await SocketSubscriber.open(server.baseUrl, token, {}), await SseSubscriber.open(server.baseUrl, token, {})];
        open.push(...stuck);
        stuck.forEach((s) => s.stopReading());
        const never = await rssPhase(`${round + 1} with a socket.io and an SSE subscriber that never read`);
        nevers.push({
          ...never,
          live_buffered_records: await gauge(http, 'lognest_live_buffered_records'),
          live_unsent_bytes: await gauge(http, 'lognest_live_unsent_bytes'),
        });
        closeAll();
      }
      const meanGrowth = (phases: { growth_mb: number }[]) => phases.reduce((n, p) => n + p.growth_mb, 0) / phases.length;
      report.memory = {
        control: controls,
        never_reading: nevers.map((n) => ({ ...n, subscribers: ['socket.io', 'sse'] })),
        growth_over_control_mb: round(meanGrowth(nevers) - meanGrowth(controls), 1),
      };
    }
    report.server_rss_max_mb = round(sampler.overallMax / 1024, 1);
    http.close();
  } catch (err) {
    if (server) process.stderr.write(`server output (tail):\n${server.output}\n`);
    throw err;
  } finally {
    open.forEach((s) => s.close());
    sampler?.stop();
    if (server) await server.stop();
    if (!args.flag('keep')) rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
