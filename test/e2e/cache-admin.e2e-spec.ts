import { ndjson, startTestApp, TestApp } from '../support/test-app';

const hits = async (t: TestApp, name: string): Promise<number> => {
  const text = (await t.http.get('/metrics').set(t.auth).expect(200)).text;
  return Number(new RegExp(`^cache_hits_total\\{cache_key_prefix="${name}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

describe('cache clear and per-endpoint TTLs (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_CACHE_TTLS: 'timeseries=0' } });
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(10, 'cacheclear')).expect(200);
  });
  afterAll(() => t.close());

  it('answers a repeated metrics overview from the cache; a TTL of 0 turns one endpoint off', async () => {
    const first = (await t.http.get('/api/metrics/overview').set(t.auth).expect(200)).body;
    const before = await hits(t, 'metrics:overview');
    expect((await t.http.get('/api/metrics/overview').set(t.auth).expect(200)).body).toEqual(first);
    expect(await hits(t, 'metrics:overview')).toBe(before + 1);
    await t.http.get('/api/metrics/timeseries').set(t.auth).expect(200);
    await t.http.get('/api/metrics/timeseries').set(t.auth).expect(200);
    expect(await hits(t, 'metrics:timeseries')).toBe(0);
  });

  it("clears by pattern within the admin's tenant only", async () => {
    const other = await t.userIn('cache-other', 'cache-other-admin', 'admin');
    await t.http.get('/api/metrics/overview').set(other).expect(200);
    const cleared = (await t.http.delete('/api/cache/clear?pattern=metrics:*').set(t.auth).expect(200)).body;
    expect(cleared).toMatchObject({ success: true, pattern: 'metrics:*', cleared: 1 });
    const before = await hits(t, 'metrics:overview');
    await t.http.get('/api/metrics/overview').set(t.auth).expect(200);
    expect(await hits(t, 'metrics:overview')).toBe(before);
    // The other tenant's entry survived.
    await t.http.get('/api/metrics/overview').set(other).expect(200);
    expect(await hits(t, 'metrics:overview')).toBe(before + 1);
  });

  it('clears everything of the tenant without a pattern, and refuses bad patterns and non-admins', async () => {
    await t.http.post('/api/search').set(t.auth).send({ q: 'cacheclear' }).expect(200);
    expect((await t.http.delete('/api/cache/clear').set(t.auth).expect(200)).body.cleared).toBeGreaterThanOrEqual(1);
    const bad = await t.http.delete('/api/cache/clear?pattern=a*b').set(t.auth).expect(400);
    expect(bad.body.field).toBe('pattern');
    const member = await t.userIn('default', 'cache-member');
    await t.http.delete('/api/cache/clear').set(member).expect(403);
  });

  it('answers a repeated aggregate from the cache until records arrive, of its tenant only', async () => {
    const query = { stat: 'count', q: 'cacheagg', range: 'all' };
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(3, 'cacheagg')).expect(200);
    expect((await t.http.get('/api/metrics/aggregate').query(query).set(t.auth).expect(200)).body.value).toBe(3);
    const before = await hits(t, 'metrics:aggregate');
    expect((await t.http.get('/api/metrics/aggregate').query(query).set(t.auth).expect(200)).body.value).toBe(3);
    expect(await hits(t, 'metrics:aggregate')).toBe(before + 1);
    const other = await t.userIn('cache-agg-other', 'cache-agg-viewer');
    expect((await t.http.get('/api/metrics/aggregate').query(query).set(other).expect(200)).body.value).toBe(0);
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(2, 'cacheagg')).expect(200);
    expect((await t.http.get('/api/metrics/aggregate').query(query).set(t.auth).expect(200)).body.value).toBe(5);
  });
});
