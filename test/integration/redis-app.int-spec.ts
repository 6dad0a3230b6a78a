import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RedisConnection } from '../../src/platform/redis/redis-connection';
import { ndjson, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';
import { deleteKeys, scanKeys, TEST_REDIS_URL, testRedis } from './support/test-redis';

/**
 * The whole app on LOGNEST_REDIS_URL: sessions, cached searches and login-failure counters
 * land in Redis under the production prefix `lognest:`. The test works in its own tenant and
 * user (random names) and deletes exactly the keys it made.
 */
const t = testRedis('app');
const redis = t.redis;
afterAll(() => t.close());

describe('Lognest on Redis (whole app)', () => {
  const run = randomUUID().slice(0, 8);
  const tenantName = `redis-${run}`;
  const username = `redis-user-${run}`;
  let app: TestApp;
  let tenantId: string;
  let auth: { Authorization: string };
  const madeKeys: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGNEST_REDIS_URL: TEST_REDIS_URL } });
    auth = await app.userIn(tenantName, username);
    tenantId = `t-${tenantName}`; // what userIn gives a new tenant
  });

  afterAll(async () => {
    await app?.close();
    await deleteKeys(redis, `lognest:cache:t:${tenantId}:*`);
    await redis.del(`lognest:cachegen:${tenantId}`, ...madeKeys);
  });

  it('reports Redis in the health components', async () => {
    const res = await app.http.get('/api/health').expect(200);
    expect(res.body.components).toEqual({ log_store: true, metadata_store: true, redis: true });
  });

  it('keeps a signed-in browser session in Redis', async () => {
    const agent = request.agent(app.app.getHttpServer());
    const res = await agent.post('/api/login').send({ username, password: USER_PASSWORD }).expect(200);
    const sid = sessionId(res.headers['set-cookie']);
    madeKeys.push(`lognest:session:${sid}`);

    const stored = JSON.parse((await redis.get(`lognest:session:${sid}`)) ?? 'null');
    expect(stored).toMatchObject({ passport: { user: expect.anything() } });
    // connect-redis's TTL: the cookie's expiry, or a day for a session without remember-me.
    expect(await redis.ttl(`lognest:session:${sid}`)).toBeGreaterThan(23 * 3600);
    await agent.get('/api/user/current').expect(200);

    // The session lives nowhere else: without the Redis key the cookie signs in no one.
    await redis.del(`lognest:session:${sid}`);
    expect((await agent.get('/api/user/current')).status).toBe(401);
  });

  it('caches a search in Redis under the tenant and its (settled) generation', async () => {
    await app.http.post('/api/logs/bulk').set(auth).set('Content-Type', 'application/x-ndjson').send(ndjson(10, 'rediscached')).expect(200);
    const search = () => app.http.post('/api/search').set(auth).send({ q: 'rediscached', date_from: '2026-11-01', date_to: '2026-11-30' }).expect(200);
    expect((await search()).body.total).toBe(10);
    expect(Number(await redis.get(`lognest:cachegen:${tenantId}`))).toBeGreaterThan(0);
    // A range that ended long ago is keyed by the tenant's settled generation (`s<n>`).
    const keys = await scanKeys(redis, `lognest:cache:t:${tenantId}:logs:search:s*`);
    expect(keys).toHaveLength(1);
    expect(await redis.ttl(keys[0])).toBeGreaterThan(0);

    // Cache statistics are installation-wide: the installation admin reads them.
    const before = (await app.http.get('/api/cache/stats').set(app.auth).expect(200)).body.stats;
    expect((await search()).body.total).toBe(10);
    const after = (await app.http.get('/api/cache/stats').set(app.auth).expect(200)).body.stats;
    expect(after.hits).toBeGreaterThan(before.hits);
    expect(after.total_keys).toBeGreaterThan(0);
  });

  it('counts failed logins in Redis', async () => {
    await app.http.post('/api/auth/login').send({ username, password: 'wrong-password' }).expect(401);
    // Keyed by client address and username, so nobody can lock an account from elsewhere.
    const [userKey] = await scanKeys(redis, `lognest:ratelimit:login:user:*:${username.toLowerCase()}`);
    madeKeys.push(userKey);
    expect(await redis.get(userKey)).toBe('1');
    expect(await redis.pttl(userKey)).toBeGreaterThan(0);
    // The per-IP counter is shared by everyone on this address: take back only our own hit.
    const [ipKey] = await scanKeys(redis, 'lognest:ratelimit:login:ip:*127.0.0.1');
    if (ipKey) await redis.decr(ipKey);
  });
});

describe('RedisConnection', () => {
  it('stops the start with a message naming LOGNEST_REDIS_URL when Redis is unreachable', async () => {
    await expect(RedisConnection.open('redis://:secret@127.0.0.1:1')).rejects.toThrow(/LOGNEST_REDIS_URL: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
  });

  it('holds no client without a URL', async () => {
    const none = await RedisConnection.open(null);
    expect(() => none.client).toThrow(/LOGNEST_REDIS_URL/);
    await none.onApplicationShutdown();
  });

  it('closes its client on shutdown', async () => {
    const connection = await RedisConnection.open(TEST_REDIS_URL);
    expect(await connection.client.ping()).toBe('PONG');
    await connection.onApplicationShutdown();
    expect(connection.client.status).toBe('end');
  });
});

/** The session id inside express-session's signed cookie `lognest.sid=s:<sid>.<signature>`. */
function sessionId(setCookie: string | string[] | undefined): string {
  const cookie = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('lognest.sid='));
  const value = decodeURIComponent(cookie?.split(';')[0].slice('lognest.sid='.length) ?? '');
  const match = /^s:([^.]+)\./.exec(value);
  if (!match) throw new Error(`no session cookie in ${String(setCookie)}`);
  return match[1];
}
