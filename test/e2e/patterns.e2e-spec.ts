import { startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;

describe('log patterns API (e2e)', () => {
  let t: TestApp;
  const now = Date.now();
  beforeAll(async () => {
    t = await startTestApp();
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => ({ ts: now - 50 * MIN + i * MIN, service: 'auth', level: 'info', message: `User user-${i} logged in from 10.0.0.${i}` })),
      ...Array.from({ length: 10 }, (_, i) => ({ ts: now - 40 * MIN + i * MIN, service: 'auth', level: 'error', message: `Login failed for user-${i}: bad password` })),
      ...Array.from({ length: 5 }, (_, i) => ({ ts: now - 5 * MIN + i * 1000, service: 'orders', level: 'error', message: `CacheShardUnavailable: shard ${i} did not answer in ${200 + i} ms` })),
    ];
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson')
      .send(lines.map((r) => JSON.stringify({ ...r, timestamp: new Date(r.ts).toISOString() })).join('\n')).expect(200);
  });
  afterAll(() => t.close());

  it('lists the patterns of the matching records, largest first, with counts, times, a sample and levels', async () => {
    const res = await t.http.get('/api/patterns').query({ date_from: 'now-1h' }).set(t.auth).expect(200);
    expect(res.body.patterns.map((p: { template: string; count: number }) => [p.template, p.count])).toEqual([
      ['User <*> logged in from <*>', 30],
      ['Login failed for <*>: bad password', 10],
      ['CacheShardUnavailable: shard <*> did not answer in <*> ms', 5],
    ]);
    const first = res.body.patterns[0];
    expect(first).toMatchObject({ service: 'auth', levels: { INFO: 30 }, sample: expect.stringMatching(/^User user-\d+ logged in from 10\.0\.0\.\d+$/), new: true });
    expect(first.pattern_id).toMatch(/^[0-9a-f]{12}$/);
    expect(Date.parse(first.first_seen)).toBeLessThan(Date.parse(first.last_seen));
    const again = await t.http.get('/api/patterns').query({ q: 'level:ERROR', limit: 1 }).set(t.auth).expect(200);
    expect(again.body.patterns).toHaveLength(1);
    expect(again.body.patterns[0]).toMatchObject({ template: 'Login failed for <*>: bad password', count: 10 });
    const orders = await t.http.get('/api/patterns').query({ service: 'orders' }).set(t.auth).expect(200);
    expect(orders.body.patterns.map((p: { count: number }) => p.count)).toEqual([5]);
  });

  it('stamps every stored record with its pattern id, returned by search and searchable as pattern_id:<id>', async () => {
    const list = await t.http.get('/api/patterns').set(t.auth).expect(200);
    expect(list.body).toMatchObject({ total: 45, unassigned: 0 });
    const failed = list.body.patterns[1];
    expect(failed.share).toBeCloseTo(10 / 45);
    expect(failed.trend.reduce((a: number, b: number) => a + b, 0)).toBe(10);
    const found = await t.http.post('/api/search').set(t.auth).send({ q: `pattern_id:${failed.pattern_id}`, per_page: 100 }).expect(200);
    expect(found.body.total).toBe(10);
    expect(found.body.results.every((r: { message: string; pattern_id: string }) => r.message.startsWith('Login failed') && r.pattern_id === failed.pattern_id)).toBe(true);
    const rest = await t.http.post('/api/search').set(t.auth).send({ q: `-pattern_id:${failed.pattern_id}`, per_page: 1 }).expect(200);
    expect(rest.body.total).toBe(35);
  });

  it('gives new lines of a known template the same id after a restart', async () => {
    const before = (await t.http.get('/api/patterns').set(t.auth).expect(200)).body.patterns[0];
    await t.close(true);
    t = await startTestApp({ dir: t.dir });
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson')
      .send(JSON.stringify({ service: 'auth', level: 'info', message: 'User user-999 logged in from 10.9.9.9' })).expect(200);
    const after = (await t.http.get('/api/patterns').set(t.auth).expect(200)).body.patterns[0];
    expect(after).toMatchObject({ pattern_id: before.pattern_id, count: 31, first_seen: before.first_seen });
  });

  it('gets one pattern by its id, the same id on every call', async () => {
    const list = await t.http.get('/api/patterns').set(t.auth).expect(200);
    const id = list.body.patterns[1].pattern_id;
    const one = await t.http.get(`/api/patterns/${id}`).set(t.auth).expect(200);
    expect(one.body).toMatchObject({ pattern_id: id, template: 'Login failed for <*>: bad password', count: 10 });
    await t.http.get('/api/patterns/000000000000').set(t.auth).expect(404);
    expect((await t.http.get('/api/patterns/nope').set(t.auth).expect(400)).body.field).toBe('id');
    expect((await t.http.get('/api/patterns').query({ limit: 0 }).set(t.auth).expect(400)).body.field).toBe('limit');
  });

  it('reports new patterns of a service with history as pattern_change anomalies, in that tenant only', async () => {
    const acme = await t.userIn('pattern-change-tenant', 'pc');
    const at = (minutesAgo: number) => new Date(now - minutesAgo * MIN).toISOString();
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => ({ timestamp: at(170 - i * 5), service: 'orders', level: 'info', message: `Order ord-${i} created` })),
      ...Array.from({ length: 6 }, (_, i) => ({ timestamp: at(20 - i), service: 'orders', level: 'error', message: `Ledger write failed for ord-${i}: disk quota exceeded` })),
    ];
    await t.http.post('/api/logs/bulk').set(acme).set('Content-Type', 'application/x-ndjson').send(lines.map((l) => JSON.stringify(l)).join('\n')).expect(200);
    const report = await t.http.get('/api/anomaly/report').query({ window_minutes: 60 }).set(acme).expect(200);
    const changes = report.body.anomalies.filter((a: { anomaly_type: string }) => a.anomaly_type === 'pattern_change');
    expect(changes).toEqual([expect.objectContaining({
      metric_name: 'new_patterns', service: 'orders', severity: 'high', actual_value: 6,
      description: expect.stringMatching(/^pattern_change: new pattern [0-9a-f]{12} Ledger write failed for <\*>: disk quota exceeded \(6 records\)$/),
    })]);
    const mine = await t.http.get('/api/anomaly/report').query({ window_minutes: 60 }).set(t.auth).expect(200);
    expect(mine.body.anomalies.filter((a: { service: string; metric_name: string }) => a.service === 'orders' && a.metric_name === 'new_patterns')).toEqual([]);
  });

  it('shows a tenant only the patterns of its own records', async () => {
    const other = await t.userIn('pattern-tenant', 'pat');
    const res = await t.http.get('/api/patterns').set(other).expect(200);
    expect(res.body.patterns).toEqual([]);
    const id = (await t.http.get('/api/patterns').set(t.auth).expect(200)).body.patterns[0].pattern_id;
    await t.http.get(`/api/patterns/${id}`).set(other).expect(404);
  });
});
