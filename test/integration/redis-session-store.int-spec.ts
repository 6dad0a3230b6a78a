import { RedisSessionStore } from '../../src/platform/sessions/redis-session-store';
import { describeSessionStoreContract } from '../../src/platform/sessions/session-store.contract';
import { testRedis } from './support/test-redis';

const t = testRedis('session-store');
afterAll(() => t.close());

describeSessionStoreContract('redis', () => new RedisSessionStore(t.redis, t.prefix()));

describe('RedisSessionStore', () => {
  it('stores a session as JSON with a PX expiry that touch only moves forward', async () => {
    const prefix = t.prefix();
    const store = new RedisSessionStore(t.redis, prefix);
    await store.set('sid1', { passport: { user: 'u1' } }, Date.now() + 60_000);
    const key = `${prefix}session:sid1`;
    expect(JSON.parse((await t.redis.get(key)) ?? 'null')).toEqual({ passport: { user: 'u1' } });
    expect(await t.redis.pttl(key)).toBeGreaterThan(55_000);
    await store.touch('sid1', Date.now() + 10_000);
    expect(await t.redis.pttl(key)).toBeGreaterThan(55_000);
    await store.touch('sid1', Date.now() + 120_000);
    expect(await t.redis.pttl(key)).toBeGreaterThan(115_000);
  });

  it('lets Redis drop an expired session without any cleanup run', async () => {
    const store = new RedisSessionStore(t.redis, t.prefix());
    await store.set('short', { a: 1 }, Date.now() + 30);
    await new Promise((r) => setTimeout(r, 60));
    expect(await store.get('short')).toBeNull();
    expect(await store.deleteExpired(Date.now())).toBe(1);
  });

  it('deleteExpired works through more sessions than one batch', async () => {
    const store = new RedisSessionStore(t.redis, t.prefix());
    const past = Date.now() - 1;
    await Promise.all(Array.from({ length: 1203 }, (_, i) => store.set(`old${i}`, { i }, past)));
    await store.set('live', { a: 1 }, Date.now() + 60_000);
    expect(await store.deleteExpired(Date.now())).toBe(1203);
    expect(await store.get('live')).toEqual({ a: 1 });
  });
});
