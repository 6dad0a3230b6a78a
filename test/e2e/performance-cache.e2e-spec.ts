import { ndjson, startTestApp, TestApp } from '../support/test-app';

describe('query cache and performance metrics (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(20, 'cacheword')).expect(200);
  });
  afterAll(() => t.close());

  it('answers a repeated search from the cache, and drops it when the tenant gets new data', async () => {
    const search = () => t.http.post('/api/search').set(t.auth).send({ q: 'cacheword', date_from: '2026-11-01', date_to: '2026-11-30' }).expect(200);
    const before = (await t.http.get('/api/cache/stats').set(t.auth).expect(200)).body.stats;
    expect((await search()).body.total).toBe(20);
    expect((await search()).body.total).toBe(20);
    const after = (await t.http.get('/api/cache/stats').set(t.auth).expect(200)).body.stats;
    expect(after.hits).toBeGreaterThan(before.hits);
    expect(after.total_keys).toBeGreaterThan(0);
    expect(after.hit_rate).toBeGreaterThan(0);

    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(5, 'cacheword')).expect(200);
    expect((await search()).body.total).toBe(25);
  });

  it('another tenant never gets a cached answer of this one', async () => {
    const other = await t.userIn('other', 'other-user');
    expect((await t.http.post('/api/search').set(other).send({ q: 'cacheword', date_from: '2026-11-01', date_to: '2026-11-30' })).body.total).toBe(0);
  });

  it('GET /api/performance reports route, store and cache timings', async () => {
    const res = await t.http.get('/api/performance').set(t.auth).expect(200);
    const m = res.body.metrics;
    expect(m.api_response_times['POST /api/search']).toEqual(expect.any(Number));
    expect(m.api_response_times['POST /api/logs/bulk']).toEqual(expect.any(Number));
    expect(m.log_store_query_times['duckdb:search']).toEqual(expect.any(Number));
    expect(m.log_store_query_times['duckdb:appendSpooled']).toEqual(expect.any(Number));
    expect(Object.keys(m.metadata_store_query_times).some((k) => k.startsWith('sqlite:select tokens'))).toBe(true);
    expect(m.cache_statistics).toMatchObject({ hits: expect.any(Number), misses: expect.any(Number), hit_rate: expect.any(Number) });
  });

  it('compresses responses over 1 KB', async () => {
    const res = await t.http.post('/api/search').set(t.auth).set('Accept-Encoding', 'gzip').send({ q: 'cacheword', per_page: 20 }).expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});
