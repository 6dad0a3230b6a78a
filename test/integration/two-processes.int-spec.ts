import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { ElasticsearchLogIndex } from '../../src/logs/elasticsearch/elasticsearch-client';
import { MongoConnection } from '../../src/platform/metadata/mongo-connection';
import { buildServer, freePort, loginToken, startServer } from '../support/child-server';
import { LiveClient, settle, until } from '../support/live-client';
import { startWebhookReceiver } from '../support/local-receivers';
import { ADMIN_PASSWORD, ndjson, waitFor } from '../support/test-app';
import { TEST_MONGODB_URL } from './support/test-mongo';
import { deleteKeys, TEST_REDIS_URL, testRedis } from './support/test-redis';

const TEST_ELASTICSEARCH_URL = process.env.LOGNEST_TEST_ELASTICSEARCH_URL ?? 'http://127.0.0.1:9250';

/**
 * Two Lognest processes on one Elasticsearch, one MongoDB-protocol server (FerretDB) and one
 * Redis act as one installation: what one issues or stores, the other knows; what one
 * ingests, the other's live tail shows; an alert rule fires once; a killed process's upload
 * is finished by the other. Each run has
 * its own index, database and Redis key prefix... except that Lognest's own Redis keys use
 * the production prefix, so this run works in a tenant of its own and deletes its keys.
 */
describe('two Lognest processes as one (Elasticsearch + MongoDB + Redis)', () => {
  const run = randomUUID().slice(0, 8);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-two-'));
  const index = `lognest-two-${run}`;
  const mongoUrl = `${TEST_MONGODB_URL.replace(/\/?$/, '/')}lognest_two_${run}`;
  const redis = testRedis('two-processes');
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  let token = '';

  const env = (name: string) => ({
    LOGNEST_DATA_DIR: path.join(dir, name), LOGNEST_UPLOADS_DIR: path.join(dir, `${name}-uploads`),
    LOGNEST_FILES_DIR: path.join(dir, 'shared-files'), LOGNEST_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOGNEST_SESSION_SECRET: `two-processes-secret-${run}`, LOGNEST_ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL,
    LOGNEST_ELASTICSEARCH_INDEX: index, LOGNEST_ELASTICSEARCH_REFRESH_ON_WRITE: 'true', LOGNEST_MONGODB_URL: mongoUrl, LOGNEST_REDIS_URL: TEST_REDIS_URL,
    LOGNEST_JOB_LOCK_SECONDS: '5', LOGNEST_INGEST_WORKERS: '0', LOGNEST_LOGIN_FAILURES_PER_USERNAME: '4', LOGNEST_ALERT_DELAY: '0s',
    // The per-address login limit (20 an hour) lives in the shared Redis: every run on one Redis adds to it.
    // The takeover case polls its file every 20 ms until ingest starts, past the default 100 a minute
    // on a loaded machine; the per-username login failures the limit case counts are not this limit.
    LOGNEST_RATE_LIMITS: 'login=1000/hour,default=100000/minute',
  });
  const at = (i: number) => request(`http://127.0.0.1:${ports[i]}`);
  const auth = () => ({ Authorization: `Bearer ${token}` });

  async function start(i: number, name: string) {
    ports[i] ??= await freePort();
    children[i] = await startServer(ports[i], env(name));
  }

  beforeAll(async () => {
    buildServer();
    // Both at once: the first admin must still be created once.
    await Promise.all([start(0, 'a'), start(1, 'b')]);
    token = await loginToken(ports[0], 'admin', ADMIN_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    for (const child of children) child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    await new ElasticsearchLogIndex({ url: TEST_ELASTICSEARCH_URL, index }).drop().catch(() => undefined);
    const mongo = await MongoConnection.open(mongoUrl);
    await mongo.dropDatabase();
    await mongo.onApplicationShutdown();
    await deleteKeys(redis.redis, 'lognest:ratelimit:*two-user*');
    await redis.close();
  });

  it('created the admin once, though both processes started on an empty store at the same time', async () => {
    const users = (await at(1).get('/api/admin/users').set(auth()).expect(200)).body.users as { username: string }[];
    expect(users.filter((u) => u.username === 'admin')).toHaveLength(1);
  });

  it('accepts on one process a bearer token and a browser session issued by the other', async () => {
    await at(1).get('/api/user/current').set(auth()).expect(200);
    const login = await at(0).post('/api/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const me = await at(1).get('/api/user/current').set('Cookie', cookie).expect(200);
    expect(JSON.stringify(me.body)).toContain('admin');
  });

  it('finds on one process the records ingested through the other, and lists its saved searches', async () => {
    await at(0).post('/api/logs/bulk').set(auth()).type('application/x-ndjson').send(ndjson(50, `twoproc${run}`)).expect(200);
    const found = await at(1).post('/api/search').set(auth()).send({ q: `twoproc${run}`, per_page: 5 }).expect(200);
    expect(found.body.total).toBe(50);
    const saved = await at(1).post('/api/search/save').set(auth()).send({ name: `two ${run}`, filters: { q: 'x' } }).expect(201);
    const listed = (await at(0).get('/api/search/saved').set(auth()).expect(200)).body.searches as { id: string }[];
    expect(listed.map((s) => s.id)).toContain(saved.body.search_id);
  });

  it('counts login failures of one username across both processes', async () => {
    const username = `two-user-${run}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await at(i % 2).post('/api/auth/login').send({ username, password: 'wrong-password' })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
  });

  it('ingests an upload made on one process exactly once', async () => {
    const marker = `uploadonce${run}`;
    const res = await at(1).post('/api/upload').set(auth()).attach('file', Buffer.from(ndjson(300, marker)), 'once.ndjson').expect(201);
    const file = await waitFor(async () => {
      const f = (await at(0).get(`/api/files/${res.body.file_id}`).set(auth())).body;
      return f.status === 'completed' ? f : null;
    }, 60_000);
    expect(file.accepted).toBe(300);
    const found = await at(0).post('/api/search').set(auth()).send({ q: marker, per_page: 1 }).expect(200);
    expect(found.body.total).toBe(300);
  });

  it('streams to a live tail on one process the records ingested through the other, each once', async () => {
    const marker = `livetwo${run}`;
    const tail = await new LiveClient(`http://127.0.0.1:${ports[1]}`, { token }).connected();
    try {
      await tail.setFilters({ query: marker });
      await settle(300);
      await at(0).post('/api/logs/bulk').set(auth()).type('application/x-ndjson').send(ndjson(25, marker)).expect(200);
      await until(() => tail.records.length >= 25, 'the records ingested on the other process', 15_000);
      await settle();
      expect(tail.records).toHaveLength(25);
      expect(new Set(tail.records.map((r) => r.id)).size).toBe(25);
      expect(tail.records.every((r) => String(r.message).includes(marker))).toBe(true);
    } finally {
      tail.close();
    }
  });

  it('fires an alert rule made on one process once, though both run the shared evaluation schedule', async () => {
    const hook = await startWebhookReceiver();
    const marker = `alerttwo${run}`;
    try {
      const channel = (await at(0).post('/api/alerts/channels').set(auth()).send({ name: `two ${run}`, type: 'webhook', config: { url: `${hook.url}/two` } }).expect(201)).body.channel;
      const rule = (await at(0).post('/api/alerts/rules').set(auth())
        .send({ name: `two ${run}`, query: marker, interval: '5s', condition: { operator: '>', threshold: 0, window: '10m' }, channels: [channel.id] }).expect(201)).body.rule;
      const now = Date.now();
      await at(1).post('/api/logs/bulk').set(auth()).type('application/x-ndjson').send(ndjson(5, marker, (i) => ({ timestamp: new Date(now - 1_000 - i).toISOString() }))).expect(200);
      await waitFor(async () => hook.received.length >= 1, 60_000, 100);
      await settle(12_000); // two more rounds of the schedule: still firing, nothing new to say
      expect(hook.received.map((r) => (r.json as { kind: string }).kind)).toEqual(['firing']);
      expect((await at(1).get(`/api/alerts/triggered?rule_id=${rule.id}`).set(auth()).expect(200)).body.alerts).toMatchObject([{ state: 'firing' }]);
      expect((await at(1).get(`/api/alerts/rules/${rule.id}`).set(auth()).expect(200)).body.rule.statistics.times_fired).toBe(1);
      await at(1).delete(`/api/alerts/rules/${rule.id}`).set(auth()).expect(200);
    } finally {
      await hook.close();
    }
  }, 120_000);

  it('finishes, once, the upload of a process killed while ingesting it', async () => {
    const marker = `takeover${run}`;
    const lines = 20_000;
    // Only A runs while the file is uploaded, so A takes the job; B comes back once A is gone.
    children[1].kill('SIGKILL');
    const res = await at(0).post('/api/upload').set(auth()).attach('file', Buffer.from(ndjson(lines, marker)), 'takeover.ndjson').expect(201);
    const id = res.body.file_id as string;
    let before: unknown = null;
    await waitFor(async () => {
      const f = (await at(0).get(`/api/files/${id}`).set(auth())).body;
      before = f;
      return f.status === 'processing' && f.accepted > 0;
    }, 90_000, 20).catch((err) => {
      throw new Error(`${err.message}; before the kill the file was last ${JSON.stringify(before)}`);
    });
    children[0].kill('SIGKILL');
    await start(1, 'b'); // takes the job over once A's lock has expired, removing A's partial records first
    let seen: unknown = null;
    const file = await waitFor(async () => {
      const f = (await at(1).get(`/api/files/${id}`).set(auth())).body;
      seen = f;
      return f.status === 'completed' ? f : null;
    }, 120_000, 200).catch((err) => {
      throw new Error(`${err.message}; the file was last ${JSON.stringify(seen)}`);
    });
    expect(file.accepted).toBe(lines);
    const found = await at(1).post('/api/search').set(auth()).send({ q: marker, per_page: 1 }).expect(200);
    expect(found.body.total).toBe(lines);
  }, 240_000);
});
