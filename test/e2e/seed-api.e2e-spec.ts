import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';

const now = Date.now();
const line = (i: number, service: string, level: string, message: string, ms: number) =>
  JSON.stringify({ timestamp: new Date(now - i * 1000).toISOString(), service, level, message, response_time_ms: ms });

describe("the seeds' remaining API (e2e)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_TOKEN_TTL: '2h' } });
    const body = [
      ...Array.from({ length: 6 }, (_, i) => line(i, 'payment', 'info', `paid ${i}`, 10 * (i + 1))),
      line(10, 'payment', 'error', 'card declined', 100),
      line(11, 'payment', 'error', 'card declined', 100),
      line(12, 'payment', 'error', 'gateway timeout', 100),
      line(13, 'auth', 'info', 'signed in', 5),
    ].join('\n');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
  });
  afterAll(() => t.close());

  it('GET /api/metrics/service/:name: volume, error rate, logs per minute, levels, top errors, p95', async () => {
    const m = (await t.http.get('/api/metrics/service/payment').set(t.auth).expect(200)).body;
    expect(m).toMatchObject({ service: 'payment', total_logs: 9, error_count: 3, error_rate: 33.33, logs_last_hour: 9, logs_per_minute: 0.15 });
    expect(m.levels).toEqual({ INFO: 6, ERROR: 3 });
    expect(m.top_errors[0]).toEqual({ message: 'card declined', count: 2 });
    expect(m.p95_response_time).toBeGreaterThanOrEqual(60);
    expect((await t.http.get('/api/metrics/service/none').set(t.auth).expect(200)).body.total_logs).toBe(0);
    const other = await t.userIn('seed-other', 'seed-other-user');
    expect((await t.http.get('/api/metrics/service/payment').set(other).expect(200)).body.total_logs).toBe(0);
  });

  it('GET /api/metrics/system: per-service volume and errors', async () => {
    const m = (await t.http.get('/api/metrics/system').set(t.auth).expect(200)).body;
    expect(m).toMatchObject({ total_logs: 10, services_count: 2 });
    expect(m.services).toEqual([
      { name: 'payment', count: 9, errors: 3, error_rate: 33.33 },
      { name: 'auth', count: 1, errors: 0, error_rate: 0 },
    ]);
  });

  it('GET /api/logs/recent?limit= and the limit / source synonyms on search', async () => {
    const recent = (await t.http.get('/api/logs/recent?limit=3').set(t.auth).expect(200)).body;
    expect(recent.count).toBe(3);
    expect(recent.results.map((r: { message: string }) => r.message)).toEqual(['paid 0', 'paid 1', 'paid 2']);
    expect((await t.http.get('/api/logs/recent?limit=0').set(t.auth).expect(400)).body.field).toBe('limit');
    const bySource = (await t.http.get('/api/logs/search?source=auth&limit=5').set(t.auth).expect(200)).body;
    expect(bySource).toMatchObject({ total: 1, per_page: 5 });
    expect((await t.http.post('/api/search').set(t.auth).send({ source: 'payment', limit: 2 }).expect(200)).body).toMatchObject({ total: 9, per_page: 2 });
  });

  it('login answers access_token beside token, with LOGNEST_TOKEN_TTL; logout revokes the bearer token', async () => {
    const login = (await t.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body;
    expect(login.access_token).toBe(login.token);
    expect(login.token_type).toBe('bearer');
    expect(login.expires_in).toBeGreaterThan(7190);
    expect(login.expires_in).toBeLessThanOrEqual(7200);
    const bearer = { Authorization: `Bearer ${login.access_token}` };
    await t.http.get('/api/user/current').set(bearer).expect(200);
    expect((await t.http.post('/api/logout').set(bearer).expect(200)).body.token_revoked).toBe(true);
    await t.http.get('/api/user/current').set(bearer).expect(401);
    await t.http.get('/api/user/current').set(t.auth).expect(200);
  });
});
