import { createClient } from 'redis';
import { NodeRedisConnection } from '../../src/platform/redis/node-redis-connection';
import { ConnectRedisSessionStore } from '../../src/platform/sessions/connect-redis-session-store';
import { describeSessionStoreContract } from '../../src/platform/sessions/session-store.contract';
import { TEST_REDIS_URL, testRedis } from './support/test-redis';

// connect-redis takes a node-redis client; the checks below read Redis through ioredis.
const t = testRedis('session-store');
const client = createClient({ url: TEST_REDIS_URL });
beforeAll(async () => {
  await client.connect();
});
afterAll(async () => {
  await client.close();
  await t.close();
});

describeSessionStoreContract('redis (connect-redis)', () => new ConnectRedisSessionStore(client, t.prefix()), undefined, { expiresItself: true });

describe('ConnectRedisSessionStore', () => {
  it('stores a session as JSON under <prefix>session:<sid> with the seconds it has left as TTL', async () => {
    const prefix = t.prefix();
    const store = new ConnectRedisSessionStore(client, prefix);
    await store.set('sid1', { passport: { user: 'u1' } }, Date.now() + 60_000);
    const key = `${prefix}session:sid1`;
    expect(JSON.parse((await t.redis.get(key)) ?? 'null')).toEqual({ passport: { user: 'u1' } });
    expect(await t.redis.ttl(key)).toBeGreaterThanOrEqual(59);
    await store.touch('sid1', Date.now() + 120_000);
    expect(await t.redis.ttl(key)).toBeGreaterThanOrEqual(119);
    await store.touch('sid1', Date.now() - 1); // an expiry already past changes nothing
    expect(await t.redis.ttl(key)).toBeGreaterThanOrEqual(118);
  });

  it('leaves no key behind for a session set already expired, and lets Redis drop one when its TTL runs out', async () => {
    const prefix = t.prefix();
    const store = new ConnectRedisSessionStore(client, prefix);
    await store.set('old', { a: 1 }, Date.now() - 1);
    expect(await t.redis.exists(`${prefix}session:old`)).toBe(0);
    await store.set('short', { a: 1 }, Date.now() + 500); // one second, rounded up
    expect(await store.get('short')).toEqual({ a: 1 });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await t.redis.exists(`${prefix}session:short`)).toBe(0);
    expect(await store.get('short')).toBeNull();
  });

  it('reads a session another process wrote', async () => {
    const prefix = t.prefix();
    const other = createClient({ url: TEST_REDIS_URL });
    await other.connect();
    try {
      await new ConnectRedisSessionStore(other, prefix).set('shared', { csrfToken: 'x' }, Date.now() + 60_000);
      expect(await new ConnectRedisSessionStore(client, prefix).get('shared')).toEqual({ csrfToken: 'x' });
    } finally {
      await other.close();
    }
  });
});

describe('NodeRedisConnection (connect-redis’s client)', () => {
  it('stops the start with a message naming LOGNEST_REDIS_URL when Redis is unreachable', async () => {
    await expect(NodeRedisConnection.open('redis://127.0.0.1:1')).rejects.toThrow(/LOGNEST_REDIS_URL: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('serves sessions and closes its client on shutdown', async () => {
    const connection = await NodeRedisConnection.open(TEST_REDIS_URL);
    const store = new ConnectRedisSessionStore(connection.client, t.prefix());
    await store.set('s', { a: 1 }, Date.now() + 60_000);
    expect(await store.get('s')).toEqual({ a: 1 });
    await connection.onApplicationShutdown();
    expect(connection.client.isOpen).toBe(false);
  });
});
