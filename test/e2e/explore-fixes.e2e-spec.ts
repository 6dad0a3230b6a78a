import { startTestApp, TestApp } from '../support/test-app';

// Fixes from issue 13: stats names that match the window, an invalid sort refused, browser
// 404s as pages, registration offered only when open, CSV headers left as written.
describe('explore fixes (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_OPEN_REGISTRATION: 'false' } });
    const body = ['{"message":"- 1117838570 2005.06.03 R02 RAS KERNEL INFO cache parity error corrected","level":"info","timestamp":"2026-11-20T10:00:00Z","response_time_ms":10}'].join('\n');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
  });
  afterAll(() => t.close());

  it('GET /api/stats names its numbers after the window: _24h only for the default last 24 hours', async () => {
    const ranged = await t.http.get('/api/stats').query({ date_from: '2026-11-01T00:00:00Z', date_to: '2026-11-30T00:00:00Z' }).set(t.auth).expect(200);
    expect(ranged.body).toMatchObject({ total_logs: 1, total_logs_in_window: 1, avg_response_time: 10, unique_users: 0 });
    expect(Object.keys(ranged.body).filter((k) => k.endsWith('_24h'))).toEqual([]);
    const last24h = await t.http.get('/api/stats').set(t.auth).expect(200);
    expect(last24h.body).toMatchObject({ total_logs_24h: 0, avg_response_time_24h: null, unique_users_24h: 0, total_logs_in_window: 0 });
  });

  it('refuses a sort that is not a sortable field', async () => {
    const res = await t.http.post('/api/search').set(t.auth).send({ sort: 'sideways' }).expect(400);
    expect(res.body).toMatchObject({ success: false, error: 'invalid_parameter', field: 'sort' });
    await t.http.get('/api/logs/search').query({ sort: 'message:asc' }).set(t.auth).expect(400);
    await t.http.post('/api/search').set(t.auth).send({ sort: 'response_time_ms:asc' }).expect(200);
  });

  it('answers an unknown page with the error page for a browser and JSON for the API', async () => {
    const page = await t.http.get('/no-such-page').set('Accept', 'text/html,application/xhtml+xml').expect(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('There is nothing here.');
    const api = await t.http.get('/api/no-such-route').set('Accept', 'text/html').expect(404);
    expect(api.headers['content-type']).toMatch(/json/);
    expect(api.body).toMatchObject({ success: false });
    const client = await t.http.get('/no-such-page').set('Accept', 'application/json').expect(404);
    expect(client.body).toMatchObject({ success: false });
  });

  it('does not offer registration on the login page when it is closed', async () => {
    const login = await t.http.get('/login').expect(200);
    expect(login.text).not.toContain('href="/register"');
    expect(login.text).toContain('Registration is closed');
    const register = await t.http.get('/register').expect(200);
    expect(register.text).toContain('Registration is closed');
  });

  it('GET /api/fields counts fields and values exactly over the matching records', async () => {
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson')
      .send(['web', 'web', 'db'].map((tier, i) => JSON.stringify({ message: `tier ${tier}`, service: 'shop', tier, timestamp: `2026-11-21T10:00:0${i}Z` })).join('\n')).expect(200);
    const res = await t.http.get('/api/fields').query({ q: 'service:shop', date_from: '2026-11-21T00:00:00Z' }).set(t.auth).expect(200);
    expect(res.body).toMatchObject({ total: 3, exact: true });
    expect(res.body.fields.find((f: { name: string }) => f.name === 'tier')).toEqual({
      name: 'tier', type: 'keyword', canonical: false, count: 3, top_values: [{ value: 'web', count: 2 }, { value: 'db', count: 1 }],
    });
    expect(res.body.fields.find((f: { name: string }) => f.name === 'service')).toMatchObject({ canonical: true, count: 3 });
    const names = await t.http.get('/api/fields').query({ top: 0 }).set(t.auth).expect(200);
    expect(names.body.fields.every((f: { top_values: unknown[] }) => f.top_values.length === 0)).toBe(true);
    await t.http.get('/api/fields').query({ top: 99 }).set(t.auth).expect(400);
    await t.http.get('/api/fields').query({ q: 'level:(' }).set(t.auth).expect(400);
  });

  it('exports CSV with the header as written and a BGL line readable', async () => {
    const res = await t.http.post('/api/export').set(t.auth).send({ format: 'csv', columns: '@timestamp,message', date_from: '2026-11-01T00:00:00Z', date_to: '2026-11-20T23:59:59Z' }).expect(200);
    const [header, row] = res.text.split('\r\n');
    expect(header.startsWith('@timestamp,')).toBe(true);
    expect(row).toContain(',- 1117838570 2005.06.03 R02 RAS KERNEL INFO cache parity error corrected');
  });
});
