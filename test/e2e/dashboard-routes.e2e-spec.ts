import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;

// Issue 13's dashboard: endpoints grouped by route template learned from the paths, each with
// the search that finds its records, and an all-time range that spans the data.
describe('dashboard routes and all time (e2e)', () => {
  let t: TestApp;
  const now = Date.now();
  beforeAll(async () => {
    t = await startTestApp();
    const records = [
      ...Array.from({ length: 30 }, (_, i) => ({ endpoint: `/api/products/${100 + i}`, response_time_ms: i < 10 ? 40 : 10 })),
      ...Array.from({ length: 12 }, () => ({ endpoint: '/api/cart', response_time_ms: 25 })),
      ...Array.from({ length: 3 }, (_, i) => ({ endpoint: `/api/orders/${i}/items?page=2`, response_time_ms: 900 })),
    ].map((r, i) => JSON.stringify({ ...r, message: 'request', service: 'shop', timestamp: new Date(now - 60_000 - i * 1000).toISOString() }));
    records.push(JSON.stringify({ message: 'very old', service: 'shop', timestamp: new Date(now - 90 * DAY).toISOString() }));
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(records.join('\n')).expect(200);
  });
  afterAll(() => t.close());

  it('counts top endpoints per route template, each with the query of its records', async () => {
    const top = await t.http.get('/api/charts/top_endpoints').query({ date_from: 'now-1h' }).set(t.auth).expect(200);
    expect(top.body).toMatchObject({
      labels: ['/api/products/{id}', '/api/cart', '/api/orders/{id}/items'], data: [30, 12, 3], paths: [30, 1, 3], complete: true,
      avg_response_time: [20, 25, 900], p95_response_time: [null, 25, null],
    });
    for (const [i, q] of (top.body.queries as string[]).entries()) {
      const found = await t.http.post('/api/search').set(t.auth).send({ q, date_from: 'now-1h' }).expect(200);
      expect(found.body.total).toBe(top.body.data[i]);
    }
  });

  it('counts raw paths instead with group=path, each with its exact p95 and query', async () => {
    const top = await t.http.get('/api/charts/top_endpoints').query({ date_from: 'now-1h', group: 'path' }).set(t.auth).expect(200);
    expect(top.body.labels[0]).toBe('/api/cart');
    expect(top.body).toMatchObject({ data: [12, ...Array(9).fill(1)], complete: true });
    expect(top.body.paths).toEqual(Array(10).fill(1));
    expect(top.body.p95_response_time[0]).toBe(25);
    expect(top.body.queries[0]).toBe('endpoint:"/api/cart"');
    for (const [i, q] of (top.body.queries as string[]).entries()) {
      const found = await t.http.post('/api/search').set(t.auth).send({ q, date_from: 'now-1h' }).expect(200);
      expect(found.body.total).toBe(top.body.data[i]);
    }
    const bad = await t.http.get('/api/charts/top_endpoints').query({ group: 'service' }).set(t.auth).expect(400);
    expect(bad.body).toMatchObject({ success: false, field: 'group' });
  });

  it('ranks the slowest endpoints by route', async () => {
    const stats = await t.http.get('/api/stats').set(t.auth).expect(200);
    expect(stats.body.top_slowest_endpoints).toEqual([
      { endpoint: '/api/orders/{id}/items', avg_response_time: 900, count: 3, paths: 3, query: expect.stringMatching(/^endpoint:\//) },
      { endpoint: '/api/cart', avg_response_time: 25, count: 12, paths: 1, query: 'endpoint:"/api/cart"' },
      { endpoint: '/api/products/{id}', avg_response_time: 20, count: 30, paths: 30, query: expect.stringMatching(/^endpoint:\//) },
    ]);
  });

  it('spans all the data with range=all, per day beyond a month', async () => {
    const all = await t.http.get('/api/charts/logs_per_hour').query({ range: 'all' }).set(t.auth).expect(200);
    expect(all.body.interval).toBe('1d');
    expect(all.body.data.reduce((a: number, b: number) => a + b, 0)).toBe(46);
    expect(all.body.timestamps[0]).toBeLessThanOrEqual(now - 90 * DAY);
    const stats = await t.http.get('/api/stats').query({ range: 'all' }).set(t.auth).expect(200);
    expect(stats.body).toMatchObject({ total_logs: 46, total_logs_in_window: 46 });
    expect(Date.parse(stats.body.window.from)).toBe(Math.floor((now - 90 * DAY) / 1000) * 1000 + ((now - 90 * DAY) % 1000));
    const errors = await t.http.get('/api/charts/error_rate').query({ range: 'all' }).set(t.auth).expect(200);
    expect(errors.body.labels.length).toBeGreaterThanOrEqual(91);
    expect(errors.body.timestamps.length).toBe(errors.body.labels.length);
    const day = await t.http.get('/api/charts/logs_per_hour').set(t.auth).expect(200);
    expect(day.body.interval).toBe('1h');
    const bad = await t.http.get('/api/charts/levels').query({ range: 'forever' }).set(t.auth).expect(400);
    expect(bad.body).toMatchObject({ success: false, field: 'range' });
  });
});
