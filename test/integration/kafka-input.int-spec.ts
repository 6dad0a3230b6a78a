import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { buildServer, call, freePort, loginToken, startServer } from '../support/child-server';
import { ADMIN_PASSWORD, startTestApp, TestApp, waitFor } from '../support/test-app';

/** The broker the integration suite runs against (.ci/services.sh starts Kafka in KRaft mode on 9192). */
const BROKERS = process.env.LOGNEST_TEST_KAFKA_BROKERS ?? '127.0.0.1:9192';

const kafka = new Kafka({ clientId: 'lognest-test', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING });

async function createTopic(topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
}

async function produce(topic: string, messages: { value: Buffer | string | null; partition?: number }[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let i = 0; i < messages.length; i += 5000) await producer.send({ topic, messages: messages.slice(i, i + 5000) });
  await producer.disconnect();
}

const kafkaEnv = (topic: string, group: string) => ({ LOGNEST_KAFKA_BROKERS: BROKERS, LOGNEST_KAFKA_TOPICS: topic, LOGNEST_KAFKA_GROUP: group });

async function total(t: TestApp, q: string): Promise<number> {
  return (await t.http.post('/api/search').set(t.auth).send({ q, per_page: 1 }).expect(200)).body.total;
}

async function kafkaStatus(t: TestApp) {
  return (await t.http.get('/api/inputs').set(t.auth).expect(200)).body.inputs.find((i: { name: string }) => i.name === 'kafka');
}

describe('Kafka input against a real broker (integration)', () => {
  const topic = `lognest-test-${randomUUID().slice(0, 8)}`;
  const group = `${topic}-group`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-kafka-'));

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores each message once (JSON, else text), rejects poison messages without blocking, reports lag', async () => {
    await createTopic(topic, 2);
    await produce(topic, [
      ...Array.from({ length: 50 }, (_, i) => ({ partition: i % 2, value: JSON.stringify({ level: 'warn', message: `kafkaword json ${i}`, service: 'orders', seq: i }) })),
      { partition: 0, value: 'plain kafkaword text line' },
      { partition: 0, value: Buffer.from([0xff, 0x00, 0xfe]) },
      { partition: 1, value: null },
      { partition: 1, value: JSON.stringify({ message: 'kafkaword after the poison' }) },
    ]);
    const t = await startTestApp({ dir, env: kafkaEnv(topic, group) });
    try {
      await waitFor(async () => (await total(t, 'kafkaword')) === 52, 30_000, 200);
      const json = (await t.http.post('/api/search').set(t.auth).send({ q: 'kafkaword seq:7' }).expect(200)).body.results[0];
      expect(json).toMatchObject({ service: 'orders', level: 'WARNING', fields: { 'kafka.topic': topic, 'kafka.partition': '1', seq: '7' } });
      const status = await waitFor(async () => {
        const s = await kafkaStatus(t);
        return s.partitions?.length === 2 && s.partitions.every((p: { lag: number }) => p.lag === 0) ? s : null;
      }, 20_000, 250);
      expect(status).toMatchObject({ enabled: true, received: 54, accepted: 52, rejected: 2, rejectReasons: { 'not UTF-8': 1, 'empty message': 1 } });
      expect(status.partitions.map((p: { partition: number; endOffset: string }) => [p.partition, p.endOffset])).toEqual([[0, '27'], [1, '27']]);
      const metrics = (await t.http.get('/metrics').set(t.auth).expect(200)).text;
      expect(metrics).toContain(`lognest_kafka_consumer_lag{topic="${topic}",partition="1"} 0`);
    } finally {
      await t.close(true);
    }
  });

  it('skips records redelivered after a crash before the offset commit: stored once', async () => {
    // What a crash between the store's commit and Kafka's leaves: offsets behind the data.
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: group, topic, earliest: true });
    await admin.disconnect();
    const t = await startTestApp({ dir, env: kafkaEnv(topic, group) });
    try {
      const status = await waitFor(async () => {
        const s = await kafkaStatus(t);
        return s.received === 54 && s.partitions?.every((p: { lag: number }) => p.lag === 0) ? s : null;
      }, 30_000, 250);
      expect(status).toMatchObject({ duplicates: 52, accepted: 0, rejected: 2 });
      expect(await total(t, 'kafkaword')).toBe(52);
    } finally {
      await t.close(true);
    }
  });

  describe('kill -9 mid-topic and restart (compiled server, child process)', () => {
    const crashTopic = `${topic}-crash`;
    const crashDir = path.join(dir, 'crash');
    let child: ChildProcess | null = null;

    beforeAll(() => buildServer(), 180_000);
    afterAll(() => child?.kill('SIGKILL'));

    async function start(port: number): Promise<string> {
      child = await startServer(port, {
        ...kafkaEnv(crashTopic, `${crashTopic}-group`),
        LOGNEST_DATA_DIR: path.join(crashDir, 'data'), LOGNEST_UPLOADS_DIR: path.join(crashDir, 'uploads'), LOGNEST_ADMIN_PASSWORD: ADMIN_PASSWORD,
      });
      return loginToken(port, 'admin', ADMIN_PASSWORD);
    }

    const count = async (port: number, token: string) =>
      JSON.parse((await call(port, 'POST', '/api/search', JSON.stringify({ q: 'crashword', per_page: 1 }), { Authorization: `Bearer ${token}` })).body).total as number;

    it('loses nothing and stores nothing twice', async () => {
      const n = 60_000;
      await createTopic(crashTopic, 3);
      await produce(crashTopic, Array.from({ length: n }, (_, i) => ({ partition: i % 3, value: JSON.stringify({ message: `crashword ${i}`, seq: i }) })));
      const port = await freePort();
      let token = await start(port);
      await waitFor(async () => (await count(port, token)) >= 2000, 60_000, 20);
      child!.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      token = await start(port);
      expect(await count(port, token)).toBeLessThan(n);
      await waitFor(async () => (await count(port, token)) >= n, 120_000, 250);
      await new Promise((r) => setTimeout(r, 1000));
      const exported = await call(port, 'POST', '/api/export', JSON.stringify({ q: 'crashword', format: 'ndjson' }), { Authorization: `Bearer ${token}` });
      const seqs = exported.body.trim().split('\n').map((line) => Number(JSON.parse(line).fields.seq));
      expect(seqs).toHaveLength(n);
      expect(new Set(seqs).size).toBe(n);
    }, 240_000);
  });
});
