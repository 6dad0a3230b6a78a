import { startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

describe('admin API (e2e)', () => {
  let t: TestApp;
  let member: { Authorization: string };
  let viewer: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    member = await t.userIn('default', 'plain-member');
    viewer = await t.userIn('default', 'plain-viewer', 'viewer');
  });
  afterAll(() => t.close());

  it('creates and lists tenants; a duplicate name is 409', async () => {
    const created = await t.http.post('/api/admin/tenants').set(t.auth).send({ name: 'acme' }).expect(201);
    expect(created.body).toEqual({ success: true, id: expect.any(String), name: 'acme' });
    expect((await t.http.post('/api/admin/tenants').set(t.auth).send({ name: 'acme' }).expect(409)).body.field).toBe('name');
    expect((await t.http.post('/api/admin/tenants').set(t.auth).send({}).expect(400)).body.field).toBe('name');
    const list = await t.http.get('/api/admin/tenants').set(t.auth).expect(200);
    expect(list.body.tenants.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['acme', 'default']));
  });

  it('creates users in any tenant and lists them all with their tenant name', async () => {
    const tenant = (await t.http.post('/api/admin/tenants').set(t.auth).send({ name: 'globex' }).expect(201)).body;
    const created = await t.http.post('/api/admin/users').set(t.auth)
      .send({ username: 'globex-ops', password: 'globex-pass-1', role: 'viewer', tenant_id: tenant.id }).expect(201);
    expect(created.body).toEqual({ success: true, id: expect.any(String) });
    await t.http.post('/api/admin/users').set(t.auth).send({ username: 'ghost', password: 'ghost-pass-1', role: 'member', tenant_id: 'no-such-tenant' }).expect(404);
    await t.http.post('/api/admin/users').set(t.auth).send({ username: 'globex-ops', password: 'globex-pass-1', role: 'member', tenant_id: tenant.id }).expect(409);
    expect((await t.http.post('/api/admin/users').set(t.auth).send({ username: 'x1y', password: 'long-enough', role: 'boss', tenant_id: tenant.id }).expect(400)).body.field).toBe('role');

    const users = (await t.http.get('/api/admin/users').set(t.auth).expect(200)).body.users;
    expect(users.find((u: { username: string }) => u.username === 'globex-ops')).toMatchObject({ id: created.body.id, role: 'viewer', tenant_id: tenant.id, tenant_name: 'globex', disabled: false });
    expect(users.find((u: { username: string }) => u.username === 'plain-member')).toMatchObject({ tenant_name: 'default' });
    expect(JSON.stringify(users)).not.toContain('password');

    const login = await t.http.post('/api/auth/login').send({ username: 'globex-ops', password: 'globex-pass-1' }).expect(200);
    expect(login.body.user).toMatchObject({ tenant_id: tenant.id, role: 'viewer' });
  });

  it('changes role and disables; an admin cannot disable or demote themselves', async () => {
    const users = (await t.http.get('/api/admin/users').set(t.auth)).body.users as { id: string; username: string }[];
    const target = users.find((u) => u.username === 'plain-member')!;
    const admin = users.find((u) => u.username === 'admin')!;
    const promoted = await t.http.put(`/api/admin/users/${target.id}`).set(t.auth).send({ role: 'viewer' }).expect(200);
    expect(promoted.body.user).toMatchObject({ role: 'viewer', disabled: false });
    await t.http.post('/api/logs').set(member).send({ message: 'now a viewer' }).expect(403);
    await t.http.put(`/api/admin/users/${target.id}`).set(t.auth).send({ role: 'member' }).expect(200);
    await t.http.post('/api/logs').set(member).send({ message: 'member again' }).expect(201);

    expect((await t.http.put(`/api/admin/users/${admin.id}`).set(t.auth).send({ disabled: true }).expect(400)).body.field).toBe('disabled');
    expect((await t.http.put(`/api/admin/users/${admin.id}`).set(t.auth).send({ role: 'member' }).expect(400)).body.field).toBe('role');
    await t.http.put(`/api/admin/users/${admin.id}`).set(t.auth).send({ role: 'admin' }).expect(200);
    await t.http.put('/api/admin/users/nobody').set(t.auth).send({ disabled: true }).expect(404);
    await t.http.put(`/api/admin/users/${target.id}`).set(t.auth).send({}).expect(400);
  });

  it('reads and changes runtime settings', async () => {
    expect((await t.http.get('/api/admin/settings').set(t.auth).expect(200)).body).toMatchObject({ open_registration: false });
    const changed = await t.http.put('/api/admin/settings').set(t.auth).send({ open_registration: true }).expect(200);
    expect(changed.body).toMatchObject({ open_registration: true, open_registration_source: 'setting' });
    expect((await t.http.put('/api/admin/settings').set(t.auth).send({ open_registration: 'maybe' }).expect(400)).body.field).toBe('open_registration');
    await t.http.put('/api/admin/settings').set(t.auth).send({ open_registration: false }).expect(200);
  });

  it('is admin-only: 403 for members and viewers (bearer and session), 401 anonymous', async () => {
    const memberSession = await t.sessionAgent('plain-member', USER_PASSWORD);
    const routes = [
      ['get', '/api/admin/tenants', undefined], ['post', '/api/admin/tenants', { name: 'sneaky' }],
      ['get', '/api/admin/users', undefined], ['post', '/api/admin/users', { username: 'sneaky', password: 'sneaky-pass', role: 'admin', tenant_id: 'default' }],
      ['put', '/api/admin/users/whoever', { role: 'admin' }], ['get', '/api/admin/settings', undefined], ['put', '/api/admin/settings', { open_registration: true }],
    ] as const;
    for (const [method, url, body] of routes) {
      await t.http[method](url).set(member).send(body).expect(403);
      await t.http[method](url).set(viewer).send(body).expect(403);
      await memberSession.agent[method](url).set('X-CSRF-Token', memberSession.csrf).send(body).expect(403);
      await t.http[method](url).send(body).expect(401);
    }
  });
});
