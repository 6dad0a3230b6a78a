import { startTestApp, TestApp } from '../support/test-app';

// Issue 14, item 12 (docs/decisions/0013): installation-wide numbers for installation
// admins only; a failing IP cannot lock an account for everyone.
describe('installation-wide numbers, login lockout, CSV cells (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(() => t.close());

  it('serves /api/performance, /api/cache/stats and /metrics to installation admins only', async () => {
    const viewer = await t.userIn('acme', 'acme-viewer', 'viewer');
    const tenantAdmin = await t.userIn('acme', 'acme-admin', 'admin');
    for (const path of ['/api/performance', '/api/cache/stats', '/metrics']) {
      await t.http.get(path).set(viewer).expect(403);
      await t.http.get(path).set(tenantAdmin).expect(403);
      await t.http.get(path).set(t.auth).expect(200);
    }
    const metricsToken = await t.http.post('/api/tokens').set(t.auth).send({ name: 'prom', scope: 'metrics' }).expect(201);
    const prometheus = { Authorization: `Bearer ${metricsToken.body.token}` };
    await t.http.get('/metrics').set(prometheus).expect(200);
    await t.http.get('/api/admin/tenants').set(prometheus).expect(403);
    await t.http.get('/api/performance').set(prometheus).expect(403);
  });

  it('10 wrong passwords from one address lock that address out of the account, not everyone', async () => {
    const attacker = { 'X-Forwarded-For': '203.0.113.9' };
    const owner = { 'X-Forwarded-For': '198.51.100.7' };
    for (let i = 0; i < 10; i++) {
      await t.http.post('/api/auth/login').set(attacker).send({ username: 'admin', password: `wrong-${i}` }).expect(401);
    }
    await t.http.post('/api/auth/login').set(attacker).send({ username: 'admin', password: 'admin-password-1' }).expect(429);
    await t.http.post('/api/auth/login').set(owner).send({ username: 'admin', password: 'admin-password-1' }).expect(200);
  });

  it('prefixes CSV cells that start with white space or NBSP before = + - @', async () => {
    const messages = [' =1+1 csvword', '\u00a0=HYPERLINK("http://x") csvword', '\u3000@SUM(A1) csvword', '  -2+3 csvword'];
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson')
      .send(messages.map((message) => JSON.stringify({ message })).join('\n')).expect(200);
    const csv = await t.http.post('/api/export').set(t.auth).send({ q: 'csvword', format: 'csv' }).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => done(null, text));
    }).expect(200);
    for (const m of messages) expect(csv.body as string).toContain(`'${m}`.includes('"') ? `"'${m.replace(/"/g, '""')}"` : `'${m}`);
  });
});
