import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

describe('stats, charts, metrics, fields, autocomplete (e2e)', () => {
  let t: TestApp;
  const now = Date.now();
  beforeAll(async () => {
    t = await startTestApp();
    const records = [
      ...Array.from({ length: 40 }, (_, i) => ({ ts: now - (i % 4) * HOUR - 60_000, level: 'info', endpoint: '/api/users', status_code: 200, response_time_ms: 100, user_id: `u${i % 5}`, service: 'users', message: 'User loaded fine' })),
      ...Array.from({ length: 10 }, (_, i) => ({ ts: now - i * 60_000 - 1000, level: 'error', endpoint: '/api/payments', status_code: 503, response_time_ms: 2000, user_id: 'u9', service: 'payments', message: 'Payment gateway timeout' })),
      { ts: now - 2 * 86_400_000, level: 'critical', endpoint: '/api/orders', status_code: 500, response_time_ms: 50, service: 'orders', message: 'Order store down', region: 'eu-west' },
    ];
    const body = records.map((r) => JSON.stringify({ ...r, timestamp: new Date(r.ts).toISOString() })).join('\n');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
  });
  afterAll(() => t.close());

  it('GET /api/stats summarises the last 24 hours', async () => {
    const res = await t.http.get('/api/stats').set(t.auth).expect(200);
    expect(res.body).toMatchObject({
      total_logs: 51,
      total_logs_24h: 50,
      error_rate: 20,
      avg_response_time_24h: 480,
      unique_users_24h: 6,
      system_status: { log_store: true, metadata_store: true },
    });
    expect(res.body.top_slowest_endpoints[0]).toMatchObject({ endpoint: '/api/payments', avg_response_time: 2000 });
    expect(res.body.latest_error).toMatchObject({ message: 'Payment gateway timeout', endpoint: '/api/payments' });
  });

  it('charts answer in the seed shapes', async () => {
    const perHour = await t.http.get('/api/charts/logs_per_hour').set(t.auth).expect(200);
    expect(perHour.body.labels.length).toBe(perHour.body.data.length);
    expect(perHour.body.labels.length).toBeGreaterThanOrEqual(24);
    expect(perHour.body.labels[0]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{2}:00$/);
    expect(perHour.body.data.reduce((a: number, b: number) => a + b, 0)).toBe(50);

    const top = await t.http.get('/api/charts/top_endpoints').set(t.auth).expect(200);
    expect(top.body).toMatchObject({ success: true, labels: ['/api/users', '/api/payments', '/api/orders'], data: [40, 10, 1] });
    expect(top.body.p95_response_time[1]).toBe(2000);

    const status = await t.http.get('/api/charts/status_distribution').set(t.auth).expect(200);
    expect(status.body).toMatchObject({ labels: ['200', '500', '503'], data: [40, 1, 10], colors: ['#28a745', '#dc3545', '#dc3545'] });

    const errors = await t.http.get('/api/charts/error_rate').set(t.auth).expect(200);
    expect(errors.body.total_errors).toBe(11);
    expect(errors.body.labels.length).toBe(errors.body.data.length);

    const filtered = await t.http.get('/api/charts/top_endpoints').query({ q: 'service:payments' }).set(t.auth).expect(200);
    expect(filtered.body.labels).toEqual(['/api/payments']);
  });

  it('metrics overview and time series', async () => {
    const o = await t.http.get('/api/metrics/overview').set(t.auth).expect(200);
    expect(o.body).toMatchObject({ total_logs: 51, services_count: 3 });
    expect(o.body.logs_last_hour).toBeGreaterThanOrEqual(20);
    // Seed 004's cards: the last hour (10 users + 10 payment errors) against the hour before (10 users).
    expect(o.body).toMatchObject({
      logs_last_hour: 20, active_services: 2, logs_per_minute: 0.33, logs_per_minute_previous: 0.17, logs_per_minute_change_percent: 100,
      error_rate_last_hour: 50, error_rate_previous_hour: 0,
    });
    const ts = await t.http.get('/api/metrics/timeseries').query({ interval: '1h' }).set(t.auth).expect(200);
    const errorTotal = ts.body.buckets.reduce((n: number, b: { counts: Record<string, number> }) => n + (b.counts.ERROR ?? 0), 0);
    expect(errorTotal).toBe(10);
    await t.http.get('/api/metrics/timeseries').query({ interval: 'soon' }).set(t.auth).expect(400);
  });

  it('GET /api/metrics/aggregate: one statistic over a search, whole, per group and per bucket, of its tenant only', async () => {
    const agg = async (query: Record<string, string>, auth = t.auth) => (await t.http.get('/api/metrics/aggregate').query(query).set(auth).expect(200)).body;
    // The last 24 hours by default: 5 users of /api/users and u9 of the payment errors.
    expect(await agg({ stat: 'unique_count', field: 'user_id' })).toMatchObject({ success: true, stat: 'unique_count', field: 'user_id', value: 6, count: 50 });
    expect(await agg({ stat: 'unique_count', field: 'user_id', range: 'all' })).toMatchObject({ value: 6, count: 51 });
    expect(await agg({})).toMatchObject({ stat: 'count', value: 50, count: 50 });
    expect(await agg({ stat: 'error_rate' })).toMatchObject({ value: 20 });
    expect(await agg({ stat: 'avg', field: 'response_time_ms', q: 'service:payments' })).toMatchObject({ value: 2000, count: 10 });
    expect(await agg({ stat: 'max', field: 'status_code', range: 'all', q: '-service:payments' })).toMatchObject({ value: 500 });
    expect(await agg({ stat: 'avg', field: 'response_time_ms', q: 'level:debug' })).toMatchObject({ value: null, count: 0 });
    const byService = await agg({ stat: 'unique_count', field: 'user_id', group_by: 'service', range: 'all' });
    expect(byService.value).toBeUndefined();
    expect(byService.points).toEqual([
      { time: null, group: 'users', count: 40, value: 5 },
      { time: null, group: 'payments', count: 10, value: 1 },
      { time: null, group: 'orders', count: 1, value: 0 },
    ]);
    expect((await agg({ group_by: 'service', limit: '1' })).points).toEqual([{ time: null, group: 'users', count: 40, value: 40 }]);
    const hourly = await agg({ stat: 'count', interval: '1h', q: 'service:users' });
    expect(hourly.interval).toBe('1h');
    expect(hourly.points).toHaveLength(4);
    for (const p of hourly.points) expect(p).toMatchObject({ group: null, count: 10, value: 10, time: expect.stringMatching(/T\d{2}:00:00\.000Z$/) });
    // Another tenant sees its own records only.
    const other = await t.userIn('aggregate-other', 'aggregate-viewer');
    expect(await agg({ stat: 'unique_count', field: 'user_id', range: 'all' }, other)).toMatchObject({ value: 0, count: 0 });
    expect((await agg({ group_by: 'service', range: 'all' }, other)).points).toEqual([]);
  });

  it.each([
    [{ stat: 'median' }, 'stat'],
    [{ stat: 'avg' }, 'field'],
    [{ stat: 'avg', field: 'service' }, 'field'],
    [{ stat: 'unique_count', field: 'response_time_ms' }, 'field'],
    [{ stat: 'count', field: 'user_id' }, 'field'],
    [{ group_by: 'response_time_ms' }, 'group_by'],
    [{ group_by: 'service', limit: '0' }, 'limit'],
    [{ interval: 'soon' }, 'interval'],
    [{ interval: '1s', range: 'all' }, 'interval'],
  ])('GET /api/metrics/aggregate %j answers 400 naming %s', async (query, field) => {
    const res = await t.http.get('/api/metrics/aggregate').query(query).set(t.auth).expect(400);
    expect(res.body).toMatchObject({ success: false, field });
  });

  it.each([
    ['stat=count&stat=avg', 'stat'],
    ['stat=avg&field=response_time_ms&field=status_code', 'field'],
    ['group_by=service&group_by=server', 'group_by'],
  ])('GET /api/metrics/aggregate?%s (a parameter given twice) answers 400 naming %s', async (query, field) => {
    const res = await t.http.get(`/api/metrics/aggregate?${query}`).set(t.auth).expect(400);
    expect(res.body).toMatchObject({ success: false, error: 'invalid_parameter', field, message: expect.stringMatching(/one text value/) });
  });

  it('GET /api/metrics/aggregate answers 400 with the position of a query error', async () => {
    const res = await t.http.get('/api/metrics/aggregate').query({ q: 'status_code:>=' }).set(t.auth).expect(400);
    expect(res.body).toMatchObject({ success: false, error: 'query_syntax', position: expect.any(Number) });
  });

  it('fields and autocomplete', async () => {
    const fields = await t.http.get('/api/fields').set(t.auth).expect(200);
    const service = fields.body.fields.find((f: { name: string }) => f.name === 'service');
    expect(service.top_values[0]).toEqual({ value: 'users', count: 40 });
    expect(fields.body.fields.find((f: { name: string }) => f.name === 'region')).toMatchObject({ type: 'keyword', top_values: [{ value: 'eu-west', count: 1 }] });
    expect((await t.http.get('/api/autocomplete/endpoints').query({ q: '/api/p' }).set(t.auth)).body).toMatchObject({ endpoints: ['/api/payments'], count: 1 });
    expect((await t.http.get('/api/autocomplete/messages').query({ q: 'gateway' }).set(t.auth)).body.messages).toEqual(['Payment gateway timeout']);
    expect((await t.http.get('/api/autocomplete/values').query({ field: 'region', q: 'eu' }).set(t.auth)).body.values).toEqual(['eu-west']);
    expect((await t.http.get('/api/autocomplete/values').query({ field: "x') OR 1=1 --" }).set(t.auth)).status).toBe(400);
  });
});
