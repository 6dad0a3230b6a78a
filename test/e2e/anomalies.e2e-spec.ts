import { startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;

/**
 * Three hours of steady traffic of two services ending a day ago, with a volume spike of
 * auth and an error surge of orders in the last hour: the API must find exactly those.
 */
describe('anomaly detection API (e2e)', () => {
  let t: TestApp;
  const end = Math.floor(Date.now() / MIN) * MIN - 86_400_000;
  const start = end - 180 * MIN;
  const spikeAt = end - 30 * MIN;
  const surgeAt = end - 15 * MIN;
  const dateTo = new Date(end - 1).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    const lines: string[] = [];
    for (let m = 0; m < 180; m++) {
      const at = start + m * MIN;
      for (const service of ['auth', 'orders']) {
        const n = at === spikeAt && service === 'auth' ? 200 : 20 + ((m * 7) % 5);
        for (let i = 0; i < n; i++) {
          const surge = service === 'orders' && at >= surgeAt && at < surgeAt + 5 * MIN && i % 2 === 0;
          lines.push(JSON.stringify({
            timestamp: new Date(at + i * 50).toISOString(), service, level: surge ? 'error' : 'info', message: surge ? 'Order store down' : 'request done',
            response_time_ms: 100 + (i % 10), user_id: `u${i % 7}`,
          }));
        }
      }
    }
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(lines.join('\n')).expect(200);
  });
  afterAll(() => t.close());

  it('finds the volume spike of one service in seed 002’s shape', async () => {
    const res = await t.http.get('/api/anomaly/detect/log-volume').query({ window_minutes: 60, date_to: dateTo, method: 'robust_zscore' }).set(t.auth).expect(200);
    const auth = res.body.filter((a: { service: string }) => a.service === 'auth');
    expect(auth).toEqual([
      {
        detected_at: new Date(spikeAt).toISOString(), ended_at: new Date(spikeAt + MIN).toISOString(), metric_name: 'log_volume', service: 'auth',
        anomaly_type: 'spike', description: expect.stringMatching(/^log_volume spike: 200\.00 \(expected ~2\d\.00\)$/), score: expect.any(Number),
        severity: 'critical', actual_value: 200, expected_value: expect.any(Number), deviation_percent: expect.any(Number), method: 'robust_zscore',
      },
    ]);
    expect(auth[0].deviation_percent).toBeGreaterThan(700);
    expect(res.body.filter((a: { service: string }) => a.service === 'orders')).toEqual([]);
    // All services together see it too.
    expect(res.body.some((a: { service: string | null }) => a.service === null)).toBe(true);
    const one = await t.http.get('/api/anomaly/detect/log-volume').query({ window_minutes: 60, date_to: dateTo, service: 'orders' }).set(t.auth).expect(200);
    expect(one.body).toEqual([]);
  });

  it.each(['zscore', 'robust_zscore', 'moving_average', 'seasonal', 'isolation_forest', 'auto'])('method %s answers', async (method) => {
    const res = await t.http.get('/api/anomaly/detect/log-volume').query({ window_minutes: 60, date_to: dateTo, method, service: 'auth' }).set(t.auth).expect(200);
    expect(Array.isArray(res.body)).toBe(true);
    // Seasonal has no previous day here, so it has no verdicts; every other method sees the spike.
    if (method !== 'seasonal') expect(res.body.map((a: { detected_at: string }) => a.detected_at)).toContain(new Date(spikeAt).toISOString());
  });

  it('finds the error surge, merged into one anomaly', async () => {
    const res = await t.http.get('/api/anomaly/detect/error-rate').query({ window_minutes: 60, date_to: dateTo, service: 'orders' }).set(t.auth).expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      metric_name: 'error_rate', service: 'orders', anomaly_type: 'spike', detected_at: new Date(surgeAt).toISOString(),
      ended_at: new Date(surgeAt + 5 * MIN).toISOString(), severity: 'critical',
    });
    expect(res.body[0].actual_value).toBeGreaterThanOrEqual(45);
    const latency = await t.http.get('/api/anomaly/detect/latency').query({ window_minutes: 60, date_to: dateTo }).set(t.auth).expect(200);
    expect(latency.body).toEqual([]);
  });

  it('reports every metric and service with counts per severity and service', async () => {
    const res = await t.http.get('/api/anomaly/report').query({ window_minutes: 60, date_to: dateTo }).set(t.auth).expect(200);
    expect(res.body).toMatchObject({ period_start: new Date(end - 60 * MIN).toISOString(), period_end: new Date(end).toISOString() });
    expect(res.body.total_anomalies).toBe(res.body.anomalies.length);
    expect(Object.keys(res.body.anomalies_by_severity)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(res.body.anomalies_by_service.auth).toBeGreaterThanOrEqual(1);
    expect(res.body.anomalies_by_service.orders).toBeGreaterThanOrEqual(1);
    const metrics = new Set(res.body.anomalies.map((a: { metric_name: string }) => a.metric_name));
    expect(metrics.has('log_volume') && metrics.has('error_rate')).toBe(true);
  });

  it('gives a series with its expected band and the anomalies marked', async () => {
    const res = await t.http.get('/api/anomaly/series').query({ window_minutes: 60, date_to: dateTo, service: 'auth', metric: 'log_volume', method: 'robust_zscore' }).set(t.auth).expect(200);
    expect(res.body.points).toHaveLength(60);
    const spike = res.body.points.find((p: { time: string }) => p.time === new Date(spikeAt).toISOString());
    expect(spike).toMatchObject({ actual: 200, anomalous: true });
    expect(spike.upper).toBeLessThan(200);
    expect(res.body.points.filter((p: { anomalous: boolean }) => p.anomalous)).toHaveLength(1);
    expect(res.body.anomalies).toHaveLength(1);
  });

  it('shows a tenant only its own anomalies', async () => {
    const other = await t.userIn('other-tenant', 'otto');
    const report = await t.http.get('/api/anomaly/report').query({ window_minutes: 60, date_to: dateTo }).set(other).expect(200);
    expect(report.body.total_anomalies).toBe(0);
    const volume = await t.http.get('/api/anomaly/detect/log-volume').query({ window_minutes: 60, date_to: dateTo, service: 'auth' }).set(other).expect(200);
    expect(volume.body).toEqual([]);
  });

  it('answers bad parameters with a 400 naming them, and needs a login', async () => {
    const bad = await t.http.get('/api/anomaly/detect/log-volume').query({ window_minutes: 5 }).set(t.auth).expect(400);
    expect(bad.body).toMatchObject({ success: false, field: 'window_minutes' });
    expect((await t.http.get('/api/anomaly/report').query({ method: 'nope' }).set(t.auth).expect(400)).body.field).toBe('method');
    expect((await t.http.get('/api/anomaly/series').query({ metric: 'cpu' }).set(t.auth).expect(400)).body.field).toBe('metric');
    await t.http.get('/api/anomaly/report').expect(401);
  });
});
