import request from 'supertest';
import { ADMIN_PASSWORD, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const sessionCookie = (res: request.Response): string => {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('lognest.sid='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return cookie;
};

describe('accounts: registration and session login (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_OPEN_REGISTRATION: 'true' } });
  });
  afterAll(() => t.close());

  it('register → login → current → logout → current 401', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const reg = await agent.post('/api/register')
      .send({ username: 'john_doe', email: 'john@example.com', password: 'SecurePassword123!', full_name: 'John Doe' }).expect(201);
    expect(reg.body).toEqual({ success: true, message: 'Registration successful', user_id: expect.any(String) });

    const login = await agent.post('/api/login').send({ username: 'john_doe', password: 'SecurePassword123!' }).expect(200);
    expect(login.body).toMatchObject({ success: true, message: 'Login successful', user: { _id: reg.body.user_id, username: 'john_doe', email: 'john@example.com', full_name: 'John Doe' } });
    expect(login.body.user.password_hash).toBeUndefined();

    const current = await agent.get('/api/user/current').expect(200);
    expect(current.body.user).toEqual({
      _id: reg.body.user_id, id: reg.body.user_id, username: 'john_doe', email: 'john@example.com', full_name: 'John Doe',
      role: 'member', installation_admin: false, tenant_id: 'default', created_at: expect.any(String), last_login: expect.any(String),
    });

    await agent.post('/api/logout').set('X-CSRF-Token', login.body.csrf_token).expect(200, { success: true, message: 'Logout successful' });
    await agent.get('/api/user/current').expect(401);
  });

  it('sets an httpOnly SameSite=Lax cookie that ends with the browser, or lasts 30 days with remember_me', async () => {
    await t.userIn('default', 'cookie-user');
    const plain = sessionCookie(await t.http.post('/api/login').send({ username: 'cookie-user', password: USER_PASSWORD }).expect(200));
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Lax/i);
    expect(plain).not.toMatch(/Secure/i);
    expect(plain).not.toMatch(/Max-Age|Expires/i);

    const remembered = sessionCookie(await t.http.post('/api/login').send({ username: 'cookie-user', password: USER_PASSWORD, remember_me: true }).expect(200));
    const maxAge = /Max-Age=(\d+)/i.exec(remembered)?.[1];
    const expires = /Expires=([^;]+)/i.exec(remembered)?.[1];
    const lifetimeMs = maxAge ? Number(maxAge) * 1000 : Date.parse(expires!) - Date.now();
    expect(Math.abs(lifetimeMs - 30 * 24 * 3600 * 1000)).toBeLessThan(60_000);
  });

  it('validates registration with 400s naming the field, and 409 for a taken username', async () => {
    const good = { username: 'valid.user', email: 'v@example.com', password: 'long-enough-1', full_name: 'V' };
    for (const [change, field] of [
      [{ username: 'ab' }, 'username'],
      [{ username: 'has space' }, 'username'],
      [{ username: 'x'.repeat(65) }, 'username'],
      [{ password: 'short' }, 'password'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: undefined }, 'email'],
      [{ full_name: 42 }, 'full_name'],
    ] as const) {
      const res = await t.http.post('/api/register').send({ ...good, ...change }).expect(400);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toContain(field);
    }
    await t.http.post('/api/register').send(good).expect(201);
    const taken = await t.http.post('/api/register').send({ ...good, username: 'VALID.user' }).expect(409);
    expect(taken.body.field).toBe('username');
  });

  it('changes profile and password; the old password then fails', async () => {
    const bearer = await t.userIn('default', 'changer');
    const { agent, csrf } = await t.sessionAgent('changer', USER_PASSWORD);
    const other = await t.sessionAgent('changer', USER_PASSWORD);
    await other.agent.get('/api/user/current').expect(200);
    const profile = await agent.put('/api/user/profile').set('X-CSRF-Token', csrf).send({ email: 'c@example.com', full_name: 'Chan Ger' }).expect(200);
    expect(profile.body.user).toMatchObject({ email: 'c@example.com', full_name: 'Chan Ger' });
    expect((await agent.put('/api/user/profile').set('X-CSRF-Token', csrf).send({ email: 'nope' }).expect(400)).body.field).toBe('email');

    const wrong = await agent.put('/api/user/password').set('X-CSRF-Token', csrf).send({ current_password: 'wrong-password', new_password: 'new-password-1' }).expect(400);
    expect(wrong.body.field).toBe('current_password');
    expect((await agent.put('/api/user/password').set('X-CSRF-Token', csrf).send({ current_password: USER_PASSWORD, new_password: 'short' }).expect(400)).body.field).toBe('new_password');
    await agent.put('/api/user/password').set('X-CSRF-Token', csrf).send({ current_password: USER_PASSWORD, new_password: 'new-password-1' }).expect(200);
    // The session that changed it goes on (same CSRF token); the user's other sessions end.
    await agent.get('/api/user/current').expect(200);
    await agent.put('/api/user/profile').set('X-CSRF-Token', csrf).send({ full_name: 'Still Here' }).expect(200);
    await other.agent.get('/api/user/current').expect(401);
    await t.http.get('/api/user/current').set(bearer).expect(401);

    await t.http.post('/api/login').send({ username: 'changer', password: USER_PASSWORD }).expect(401);
    await t.http.post('/api/auth/login').send({ username: 'changer', password: USER_PASSWORD }).expect(401);
    await t.http.post('/api/login').send({ username: 'changer', password: 'new-password-1' }).expect(200);
  });

  it('lets a bearer login token read the current user but not an API token change the account', async () => {
    const member = await t.userIn('default', 'bearer-user');
    const current = await t.http.get('/api/user/current').set(member).expect(200);
    expect(current.body.user.username).toBe('bearer-user');
    await t.http.put('/api/user/profile').set(member).send({ full_name: 'By Token' }).expect(200);
    const ingest = await t.http.post('/api/tokens').set(member).send({ name: 'shipper', scope: 'ingest' }).expect(201);
    await t.http.put('/api/user/password').set('Authorization', `Bearer ${ingest.body.token}`)
      .send({ current_password: USER_PASSWORD, new_password: 'new-password-1' }).expect(403);
  });

  it('a disabled user cannot log in, and their open session stops working', async () => {
    const member = await t.userIn('default', 'soon-disabled');
    const { agent } = await t.sessionAgent('soon-disabled', USER_PASSWORD);
    await agent.get('/api/user/current').expect(200);
    const id = (await t.http.get('/api/user/current').set(member)).body.user.id;
    await t.http.put(`/api/admin/users/${id}`).set(t.auth).send({ disabled: true }).expect(200);
    await agent.get('/api/user/current').expect(401);
    await t.http.get('/api/user/current').set(member).expect(401);
    await t.http.post('/api/login').send({ username: 'soon-disabled', password: USER_PASSWORD }).expect(401);
    await t.http.put(`/api/admin/users/${id}`).set(t.auth).send({ disabled: false }).expect(200);
    await t.http.post('/api/login').send({ username: 'soon-disabled', password: USER_PASSWORD }).expect(200);
  });

  it('login answers 400 naming a missing field and 401 for wrong credentials', async () => {
    expect((await t.http.post('/api/login').send({ password: 'x' }).expect(400)).body.field).toBe('username');
    expect((await t.http.post('/api/login').send({ username: 'admin' }).expect(400)).body.field).toBe('password');
    const bad = await t.http.post('/api/login').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    expect(bad.body.error).toBe('invalid_credentials');
    expect(bad.headers['set-cookie']).toBeUndefined();
    await t.http.post('/api/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
  });
});

describe('accounts: who may register (e2e)', () => {
  it('is open on a fresh install, makes the first user admin and the next a member, then closes by default', async () => {
    const t = await startTestApp({ noAdmin: true });
    try {
      const first = await t.http.post('/api/register').send({ username: 'founder', email: 'f@example.com', password: 'founder-pass-1' }).expect(201);
      const { agent, csrf } = await t.sessionAgent('founder', 'founder-pass-1');
      expect((await agent.get('/api/user/current')).body.user).toMatchObject({ id: first.body.user_id, role: 'admin', tenant_id: 'default' });
      // Registration closes once an admin exists.
      const closed = await t.http.post('/api/register').send({ username: 'second', email: 's@example.com', password: 'second-pass-1' }).expect(403);
      expect(closed.body.message).toMatch(/closed/i);
      expect((await agent.get('/api/admin/settings').expect(200)).body).toMatchObject({ open_registration: false, open_registration_source: 'default' });
      // The admin opens it at run time.
      await agent.put('/api/admin/settings').set('X-CSRF-Token', csrf).send({ open_registration: true }).expect(200);
      await t.http.post('/api/register').send({ username: 'second', email: 's@example.com', password: 'second-pass-1' }).expect(201);
      const second = await t.sessionAgent('second', 'second-pass-1');
      expect((await second.agent.get('/api/user/current')).body.user).toMatchObject({ role: 'member', tenant_id: 'default' });
    } finally {
      await t.close();
    }
  });

  it('is closed when an admin exists, or when LOGNEST_OPEN_REGISTRATION=false', async () => {
    const withAdmin = await startTestApp();
    const closedByEnv = await startTestApp({ noAdmin: true, env: { LOGNEST_OPEN_REGISTRATION: 'false' } });
    try {
      const body = { username: 'someone', email: 's@example.com', password: 'someone-pass-1' };
      expect((await withAdmin.http.post('/api/register').send(body).expect(403)).body.error).toBe('registration_closed');
      await closedByEnv.http.post('/api/register').send(body).expect(403);
      // An admin's runtime choice wins over the default.
      await withAdmin.http.put('/api/admin/settings').set(withAdmin.auth).send({ open_registration: true }).expect(200);
      await withAdmin.http.post('/api/register').send(body).expect(201);
      await withAdmin.http.put('/api/admin/settings').set(withAdmin.auth).send({ open_registration: false }).expect(200);
      await withAdmin.http.post('/api/register').send({ ...body, username: 'someone-else' }).expect(403);
    } finally {
      await withAdmin.close();
      await closedByEnv.close();
    }
  });
});
