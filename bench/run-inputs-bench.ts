// `npm run bench:inputs [-- --records 200000 --batch 5000 --clients 4 --udp-rate 20000 --udp-seconds 5 --kafka 127.0.0.1:9192]`
// Ingest rate of the network inputs against POST /api/logs/bulk on one fresh Lognest: the
// same generated records through /api/logs/bulk, /es/_bulk and syslog over TCP (RFC 5424,
// two connections), then UDP syslog paced at --udp-rate with its loss, then (with --kafka)
// Kafka consumption. Prints one JSON object; progress on stderr. Not a timed test.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { BenchHttpClient, describeFailure, parseJson } from './bench-http';
import { bulkIngest, ndjsonBodies, round } from './bench-ingest';
import { CliArgs } from './cli-args';
import { freePort, LognestServer, sleep } from './lognest-server';
import { generateLogs, sampleTimeWindow } from './sample-log-generator';
import { SampleLogRecord } from './sample-log-record';

const REPO_ROOT = resolve(__dirname, '..', '..');
const ADMIN_PASSWORD = 'bench-password';
const log = (msg: string): void => void process.stderr.write(`[inputs ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

interface InputStatus {
  name: string;
  received: number;
  accepted: number;
  rejected: number;
  rejectReasons: Record<string, number>;
}

function syslogLine(r: SampleLogRecord): string {
  const severity = { DEBUG: 7, INFO: 6, WARNING: 4, ERROR: 3, CRITICAL: 2 }[r.level as string] ?? 6;
  return `<${16 * 8 + severity}>1 ${r.timestamp} ${r.server ?? '-'} ${r.service ?? '-'} - - - ${r.message}`;
}

async function inputStatus(client: BenchHttpClient, name: string): Promise<InputStatus> {
  for (let attempt = 1; ; attempt++) {
    const res = await client.request('GET', '/api/inputs');
    if (res.status === 200) return (parseJson(res.body) as { inputs: InputStatus[] }).inputs.find((i) => i.name === name)!;
    if (attempt === 20) throw describeFailure('GET /api/inputs', res);
    // The API's rate limit (429) or a busy store: wait as asked.
    await sleep(Number(res.headers['retry-after'] ?? 1) * 1000 || 1000);
  }
}

/** Waits until the input has accounted for `expected` more records than `base`; the seconds it took from `started`. */
async function settled(client: BenchHttpClient, name: string, base: InputStatus, expected: number, started: number, pollMs = 250, timeoutMs = 300_000): Promise<{ seconds: number; status: InputStatus }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await inputStatus(client, name);
    if (status.accepted + status.rejected - base.accepted - base.rejected >= expected || Date.now() > deadline) {
      return { seconds: (performance.now() - started) / 1000, status };
    }
    await sleep(pollMs);
  }
}

async function esBulk(client: BenchHttpClient, records: SampleLogRecord[], batch: number, concurrency: number) {
  const bodies: Buffer[] = [];
  for (let i = 0; i < records.length; i += batch) {
    const lines = records.slice(i, i + batch).flatMap((r) => ['{"index":{"_index":"bench"}}', JSON.stringify(r)]);
    bodies.push(Buffer.from(lines.join('\n') + '\n'));
  }
  let accepted = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let body = bodies.shift(); body; body = bodies.shift()) {
      const res = await client.requestWithBackoff('POST', '/es/_bulk', { headers: { 'Content-Type': 'application/x-ndjson' }, body });
      if (res.status !== 200) throw describeFailure('POST /es/_bulk', res);
      const items = (parseJson(res.body) as { items: { index: { status: number } }[] }).items;
      accepted += items.filter((i) => i.index.status === 201).length;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { accepted, seconds: round(seconds, 3), records_per_s: Math.round(accepted / seconds) };
}

async function syslogTcp(client: BenchHttpClient, port: number, records: SampleLogRecord[], connections: number) {
  const base = await inputStatus(client, 'syslog-tcp');
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, c) => new Promise<void>((done, fail) => {
    // Octet-counted (RFC 6587), as rsyslog forwards: messages may hold newlines (stack traces).
    const mine = records.filter((_, i) => i % connections === c).map((r) => {
      const line = syslogLine(r);
      return `${Buffer.byteLength(line)} ${line}`;
    });
    const socket = net.connect(port, '127.0.0.1', () => socket.end(mine.join(''), () => done()));
    socket.on('error', fail);
  })));
  const { seconds, status } = await settled(client, 'syslog-tcp', base, records.length, started);
  const accepted = status.accepted - base.accepted;
  return { accepted, rejected: status.rejected - base.rejected, seconds: round(seconds, 3), records_per_s: Math.round(accepted / seconds) };
}

async function syslogUdp(client: BenchHttpClient, port: number, records: SampleLogRecord[], rate: number, seconds: number) {
  const base = await inputStatus(client, 'syslog-udp');
  const socket = dgram.createSocket('udp4');
  const total = Math.min(records.length, Math.round(rate * seconds));
  const perTick = Math.max(1, Math.round(rate / 100));
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.round(((performance.now() - started) / 1000) * rate) + perTick);
    for (; sent < due; sent++) socket.send(syslogLine(records[sent]), port, '127.0.0.1');
    await sleep(10);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  socket.close();
  // Settled once every received datagram is accepted or rejected (those in flight are written).
  let status = await inputStatus(client, 'syslog-udp');
  for (let i = 0; i < 60 && status.received - status.accepted - status.rejected > 0; i++) {
    await sleep(500);
    status = await inputStatus(client, 'syslog-udp');
  }
  const received = status.received - base.received;
  const accepted = status.accepted - base.accepted;
  const overloaded = (status.rejectReasons.overloaded ?? 0) - (base.rejectReasons.overloaded ?? 0);
  return {
    sent, send_seconds: round(sendSeconds, 3), sent_per_s: Math.round(sent / sendSeconds), received, accepted,
    lost_in_kernel: sent - received, dropped_overloaded: overloaded, loss_pct: round(((sent - accepted) / sent) * 100, 3),
  };
}

async function kafkaConsume(client: BenchHttpClient, brokers: string[], topic: string, records: SampleLogRecord[]) {
  const kafka = new Kafka({ clientId: 'lognest-bench', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let i = 0; i < records.length; i += 5000) {
    await producer.send({ topic, messages: records.slice(i, i + 5000).map((r, j) => ({ partition: (i + j) % 3, value: JSON.stringify(r) })) });
  }
  await producer.disconnect();
  log(`produced ${records.length} to ${topic}; consuming`);
  const base = { name: 'kafka', received: 0, accepted: 0, rejected: 0, rejectReasons: {} };
  const started = performance.now();
  const { seconds, status } = await settled(client, 'kafka', base, records.length, started, 1000);
  return { accepted: status.accepted, seconds: round(seconds, 3), records_per_s: Math.round(status.accepted / seconds) };
}

async function main(): Promise<void> {
  const a = new CliArgs(process.argv.slice(2), ['records', 'batch', 'clients', 'udp-rate', 'udp-seconds', 'kafka']);
  const o = {
    records: Math.floor(a.number('records', 200_000)),
    batch: Math.floor(a.number('batch', 5000)),
    clients: Math.floor(a.number('clients', 4)),
    udpRate: a.number('udp-rate', 20_000),
    udpSeconds: a.number('udp-seconds', 5),
    kafka: a.optionalString('kafka'),
  };
  const tmp = mkdtempSync(join(os.tmpdir(), 'lognest-inputs-bench-'));
  mkdirSync(join(tmp, 'data'));
  mkdirSync(join(tmp, 'uploads'));
  const [tcpPort, udpPort] = [await freePort(), await freePort()];
  const topic = `lognest-bench-${Date.now()}`;
  if (o.kafka) {
    const admin = new Kafka({ clientId: 'lognest-bench', brokers: o.kafka.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
  }
  const env: Record<string, string> = { LOGNEST_SYSLOG_TCP_PORT: String(tcpPort), LOGNEST_SYSLOG_UDP_PORT: String(udpPort), LOGNEST_LOG_LEVEL: 'warn' };
  if (o.kafka) Object.assign(env, { LOGNEST_KAFKA_BROKERS: o.kafka, LOGNEST_KAFKA_TOPICS: topic, LOGNEST_KAFKA_GROUP: `${topic}-group` });
  const server = await LognestServer.start({ mainJs: join(REPO_ROOT, 'dist/src/main.js'), cwd: REPO_ROOT, dataDir: join(tmp, 'data'), uploadsDir: join(tmp, 'uploads'), adminPassword: ADMIN_PASSWORD, env });
  const client = new BenchHttpClient(server.baseUrl, o.clients * 2);
  try {
    const login = await client.json<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    client.token = login.data.token;
    const window = { days: 1, endMs: sampleTimeWindow({ days: 1 }).endMs };
    const records = [...generateLogs({ count: o.records, seed: 42, ...window })];
    log(`${records.length} records generated; /api/logs/bulk`);
    const api = await bulkIngest(client, ndjsonBodies({ count: o.records, seed: 42, ...window }, o.batch), o.clients);
    log(`/api/logs/bulk ${api.records_per_s}/s; /es/_bulk`);
    const es = await esBulk(client, records, o.batch, o.clients);
    log(`/es/_bulk ${es.records_per_s}/s; syslog TCP`);
    const tcp = await syslogTcp(client, tcpPort, records, 2);
    log(`syslog TCP ${tcp.records_per_s}/s; syslog UDP at ${o.udpRate}/s`);
    const udp = await syslogUdp(client, udpPort, records, o.udpRate, o.udpSeconds);
    const kafka = o.kafka ? await kafkaConsume(client, o.kafka.split(','), topic, records) : null;
    const result = {
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.version}`,
      records: o.records,
      batch: o.batch,
      clients: o.clients,
      api_logs_bulk: api,
      es_bulk: { ...es, ratio_to_api_bulk: round(es.records_per_s / api.records_per_s, 2) },
      syslog_tcp: { ...tcp, ratio_to_api_bulk: round(tcp.records_per_s / api.records_per_s, 2) },
      syslog_udp: udp,
      kafka,
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    client.close();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
