import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { SqliteDatabase } from '../../src/platform/metadata/sqlite-database';
import { ADMIN_PASSWORD, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self' ws: wss:;" +
  "frame-ancestors 'none';object-src 'none';base-uri 'self';form-action 'self'";

const cookiesOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

describe('security: CSRF (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.userIn('default', 'csrf-user');
  });
  afterAll(() => t.close());

  it('requires the token on cookie-authenticated changes: 403 without or wrong, 2xx with header or form field', async () => {
    const { agent, csrf } = await t.sessionAgent('csrf-user', USER_PASSWORD);
    const missing = await agent.put('/api/user/profile').send({ full_name: 'A' }).expect(403);
    expect(missing.body).toMatchObject({ error: 'csrf' });
    await agent.put('/api/user/profile').set('X-CSRF-Token', 'wrong').send({ full_name: 'A' }).expect(403);
    await agent.post('/api/logs').send({ message: 'forged' }).expect(403);
    await agent.post('/api/logout').expect(403);
    await agent.put('/api/user/profile').set('X-CSRF-Token', csrf).send({ full_name: 'By Header' }).expect(200);
    await agent.put('/api/user/profile').type('form').send({ full_name: 'By Form', _csrf: csrf }).expect(200);
    await agent.post('/api/logs').set('X-CSRF-Token', csrf).send({ message: 'from the browser' }).expect(201);
    // Reads are never checked.
    await agent.get('/api/user/current').expect(200);
  });

  it('does not check requests with a bearer token or without a session cookie', async () => {
    const { agent } = await t.sessionAgent('csrf-user', USER_PASSWORD);
    await agent.post('/api/logs').set(t.auth).send({ message: 'bearer wins' }).expect(201);
    await t.http.post('/api/logs').set(t.auth).send({ message: 'script' }).expect(201);
    await t.http.post('/api/login').send({ username: 'csrf-user', password: USER_PASSWORD }).expect(200);
  });

  it('serves the token at GET /api/csrf and on every page as res.locals.csrfToken, one per session', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/login').expect(200);
    expect(cookiesOf(page).some((c) => c.startsWith('lognest.sid='))).toBe(true);
    const { token } = (await agent.get('/api/csrf').expect(200)).body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(page.text).toContain(token);
    expect((await agent.get('/api/csrf')).body.token).toBe(token);
    // The login form posts with it; login starts a new session with a new token.
    const login = await agent.post('/api/login').set('X-CSRF-Token', token).send({ username: 'csrf-user', password: USER_PASSWORD }).expect(200);
    expect(login.body.csrf_token).not.toBe(token);
    expect((await agent.get('/api/csrf')).body.token).toBe(login.body.csrf_token);
    await agent.post('/api/logout').set('X-CSRF-Token', login.body.csrf_token).expect(200);
  });

  it('a page session without the token cannot log in (login CSRF)', async () => {
    const agent = request.agent(t.app.getHttpServer());
    await agent.get('/login').expect(200);
    await agent.post('/api/login').send({ username: 'csrf-user', password: USER_PASSWORD }).expect(403);
  });

  it('refuses login, logout and register from another site, session or not (issue 14, item 3)', async () => {
    const login = { username: 'csrf-user', password: USER_PASSWORD };
    for (const site of ['cross-site', 'same-site']) {
      const res = await t.http.post('/api/login').set('Sec-Fetch-Site', site).type('form').send(login).expect(403);
      expect(res.body).toMatchObject({ error: 'csrf' });
      expect(cookiesOf(res)).toEqual([]);
    }
    await t.http.post('/api/login').set('Origin', 'https://evil.example').type('form').send(login).expect(403);
    await t.http.post('/api/login').set('Origin', 'null').send(login).expect(403);
    await t.http.post('/api/register').set('Sec-Fetch-Site', 'cross-site').send({ username: 'forged-reg', password: 'forged-pass-1' }).expect(403);
    const { agent, csrf } = await t.sessionAgent('csrf-user', USER_PASSWORD);
    await agent.post('/api/logout').set('Sec-Fetch-Site', 'cross-site').set('X-CSRF-Token', csrf).expect(403);
    await agent.get('/api/user/current').expect(200);
    // The site's own pages, and clients that are not browsers, still sign in.
    await t.http.post('/api/login').set('Sec-Fetch-Site', 'same-origin').send(login).expect(200);
    const host = `127.0.0.1:${12345}`;
    await t.http.post('/api/login').set('Host', host).set('Origin', `http://${host}`).send(login).expect(200);
    await t.http.post('/api/login').send(login).expect(200);
  });

  it('checks the CSRF token of a session cookie however the Cookie header spells it (issue 14, item 10)', async () => {
    const { agent } = await t.sessionAgent('csrf-user', USER_PASSWORD);
    const jar = (agent as unknown as { jar: { getCookie(name: string, access: unknown): { value: string } | undefined } }).jar;
    const sid = jar.getCookie('lognest.sid', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value;
    expect(sid).toBeDefined();
    // The attack run's spelling is read by express-session (cookie trims names).
    await t.http.get('/api/user/current').set('Cookie', `lognest.sid =${sid}`).expect(200);
    for (const cookie of [`lognest.sid =${sid}`, ` lognest.sid=${sid}`, `other=1;lognest.sid= ${sid}`]) {
      const read = await t.http.get('/api/user/current').set('Cookie', cookie);
      if (read.status !== 200) continue; // a spelling express-session does not read authenticates no one
      const res = await t.http.put('/api/user/profile').set('Cookie', cookie).send({ full_name: 'Forged' }).expect(403);
      expect(res.body).toMatchObject({ error: 'csrf' });
    }
    const me = await agent.get('/api/user/current').expect(200);
    expect(me.body.user.full_name).not.toBe('Forged');
  });

  it('bearer requests get no session', async () => {
    const res = await t.http.get('/api/user/current').set(t.auth).expect(200);
    expect(cookiesOf(res)).toEqual([]);
    expect((await t.http.get('/api/csrf').set(t.auth).expect(200)).body.token).toBeNull();
  });
});

describe('security: login rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.userIn('default', 'target');
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after 10 failures for a username, on both logins', async () => {
    for (let i = 0; i < 10; i++) await t.http.post('/api/login').send({ username: 'target', password: `guess-${i}` }).expect(401);
    const limited = await t.http.post('/api/login').send({ username: 'target', password: 'guess-x' }).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.body).toMatchObject({ error: 'too_many_attempts', retry_after: retryAfter });
    // Even the right password waits, by session and by bearer login; usernames are case-insensitive.
    await t.http.post('/api/login').send({ username: 'target', password: USER_PASSWORD }).expect(429);
    await t.http.post('/api/auth/login').send({ username: 'TARGET', password: USER_PASSWORD }).expect(429);
    // Other users from the same address are not locked out.
    await t.http.post('/api/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
  });

  it('behind a trusted proxy, counts per forwarded client address', async () => {
    const proxied = await startTestApp({ env: { LOGNEST_LOGIN_FAILURES_PER_IP: '3', LOGNEST_TRUST_PROXY_HOPS: '1' } });
    try {
      const from = (ip: string) => ({ 'X-Forwarded-For': ip });
      for (let i = 0; i < 3; i++) await proxied.http.post('/api/auth/login').set(from('203.0.113.7')).send({ username: `nobody-${i}`, password: 'whatever-1' }).expect(401);
      await proxied.http.post('/api/auth/login').set(from('203.0.113.7')).send({ username: 'admin', password: ADMIN_PASSWORD }).expect(429);
      await proxied.http.post('/api/auth/login').set(from('198.51.100.9')).send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    } finally {
      await proxied.close();
    }
  });

  it('limits failures per client address across usernames', async () => {
    const strict = await startTestApp({ env: { LOGNEST_LOGIN_FAILURES_PER_IP: '4' } });
    try {
      for (let i = 0; i < 4; i++) await strict.http.post('/api/auth/login').send({ username: `nobody-${i}`, password: 'whatever-1' }).expect(401);
      const res = await strict.http.post('/api/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });
});

describe('security: headers, cookies, pages and session storage (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.userIn('default', 'page-user');
  });
  afterAll(() => t.close());

  it('sends a strict Content-Security-Policy and helmet headers on API and pages', async () => {
    for (const url of ['/api/health', '/login']) {
      const res = await t.http.get(url);
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('redirects a page to /login?next= without a user; the JSON API keeps 401', async () => {
    const page = await t.http.get('/search?q=level%3AERROR');
    expect([302, 303]).toContain(page.status);
    expect(page.headers.location).toBe('/login?next=%2Fsearch%3Fq%3Dlevel%253AERROR');
    await t.http.get('/api/user/current').expect(401);
    await t.http.get('/login').expect(200);
    const { agent } = await t.sessionAgent('page-user', USER_PASSWORD);
    await agent.get('/search').expect(200);
  });

  it('keeps sessions in the SQLite sessions table, across a restart, and deletes them on logout', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lognest-sessions-'));
    let app = await startTestApp({ dir });
    try {
      await app.userIn('default', 'restart-user');
      const { agent, csrf } = await app.sessionAgent('restart-user', USER_PASSWORD);
      await app.close(true);
      const rows = () => {
        const db = new SqliteDatabase(path.join(dir, 'data', 'metadata.sqlite'));
        try {
          return db.db.prepare('SELECT data, expires_at FROM sessions').all() as { data: string; expires_at: number }[];
        } finally {
          db.close();
        }
      };
      const stored = rows();
      expect(stored.some((r) => r.expires_at > Date.now() && JSON.parse(r.data).passport?.user)).toBe(true);
      app = await startTestApp({ dir });
      // The same cookie works against the restarted app (same agent: rebind to the new server).
      const cookie = agent.jar.getCookie('lognest.sid', { domain: '127.0.0.1', path: '/', secure: false, script: false });
      const header = `lognest.sid=${cookie!.value}`;
      await request(app.app.getHttpServer()).get('/api/user/current').set('Cookie', header).expect(200);
      await request(app.app.getHttpServer()).post('/api/logout').set('Cookie', header).set('X-CSRF-Token', csrf).expect(200);
      await request(app.app.getHttpServer()).get('/api/user/current').set('Cookie', header).expect(401);
    } finally {
      await app.close();
    }
  });

  it('generates the session secret once into the data dir (mode 600) when none is configured', async () => {
    const fresh = await startTestApp({ env: { LOGNEST_SESSION_SECRET: '' } });
    try {
      const file = path.join(fresh.dir, 'data', 'session-secret');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      await fresh.userIn('default', 'secret-user');
      const { agent } = await fresh.sessionAgent('secret-user', USER_PASSWORD);
      await agent.get('/api/user/current').expect(200);
    } finally {
      await fresh.close();
    }
  });

  it('marks the cookie Secure (and sends HSTS) with LOGNEST_COOKIE_SECURE behind https', async () => {
    const secure = await startTestApp({ env: { LOGNEST_COOKIE_SECURE: 'true' } });
    try {
      const res = await secure.http.post('/api/login').set('X-Forwarded-Proto', 'https').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
      expect(cookiesOf(res).find((c) => c.startsWith('lognest.sid='))).toMatch(/;\s*Secure/i);
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await secure.close();
    }
  });
});
