import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';

const APP = 'https://app.example.com';
const OTHER = 'https://evil.example';

/** LOGNEST_CORS_ORIGINS: off by default; listed origins with credentials; `*` without. */
describe('CORS (e2e)', () => {
  const preflight = (t: TestApp, origin: string) =>
    t.http.options('/api/search').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization, content-type');

  describe('by default', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it('sends no CORS header and answers no preflight', async () => {
      const res = await t.http.get('/api/stats').set(t.auth).set('Origin', APP).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await preflight(t, APP);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    });
  });

  describe('with listed origins', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ env: { LOGNEST_CORS_ORIGINS: `${APP},http://localhost:5173` } })));
    afterAll(() => t.close());

    it('lets a listed origin read answers, with credentials, and exposes the request and rate-limit headers', async () => {
      const res = await t.http.get('/api/stats').set(t.auth).set('Origin', APP).expect(200);
      expect(res.headers).toMatchObject({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' });
      expect(res.headers.vary).toMatch(/Origin/);
      expect(res.headers['access-control-expose-headers']).toMatch(/X-Request-ID.*X-RateLimit-Remaining.*Retry-After/);
      const pre = await preflight(t, 'http://localhost:5173').expect(204);
      expect(pre.headers).toMatchObject({ 'access-control-allow-origin': 'http://localhost:5173', 'access-control-allow-credentials': 'true', 'access-control-max-age': '600' });
      expect(pre.headers['access-control-allow-methods']).toMatch(/DELETE/);
      expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization.*X-CSRF-Token/);
    });

    it('gives an unlisted origin nothing, not even on a preflight', async () => {
      const res = await t.http.get('/api/stats').set(t.auth).set('Origin', OTHER).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Origin/);
      const pre = await preflight(t, OTHER);
      expect(pre.status).not.toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('lets a listed origin sign in by session; another site still cannot', async () => {
      const body = { username: 'admin', password: ADMIN_PASSWORD };
      const ok = await t.http.post('/api/login').set('Origin', APP).set('Sec-Fetch-Site', 'cross-site').send(body).expect(200);
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      await t.http.post('/api/login').set('Origin', OTHER).set('Sec-Fetch-Site', 'cross-site').send(body).expect(403);
    });
  });

  describe('with *', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ env: { LOGNEST_CORS_ORIGINS: '*' } })));
    afterAll(() => t.close());

    it('lets any origin read, never with credentials, and keeps other sites from signing in', async () => {
      const res = await t.http.get('/api/health').set('Origin', OTHER).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const pre = await preflight(t, OTHER).expect(204);
      expect(pre.headers['access-control-allow-origin']).toBe('*');
      expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
      await t.http.post('/api/login').set('Origin', OTHER).set('Sec-Fetch-Site', 'cross-site').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(403);
    });
  });
});
