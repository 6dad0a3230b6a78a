import { ndjson, startTestApp, TestApp } from '../support/test-app';

// Issue 14, item 2: the admin of one tenant administered every tenant. Installation admins
// (the first admin) manage tenants and their admins; tenant admins only their own tenant.
describe('installation admin and tenant admins (e2e)', () => {
  let t: TestApp;
  let acmeAdmin: { Authorization: string };
  let globexAdmin: { Authorization: string };
  let acmeId: string;
  let globexId: string;
  let globexAdminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    acmeAdmin = await t.userIn('acme', 'acme-admin', 'admin');
    globexAdmin = await t.userIn('globex', 'globex-admin', 'admin');
    await t.userIn('acme', 'acme-viewer', 'viewer');
    const tenants = (await t.http.get('/api/admin/tenants').set(t.auth).expect(200)).body.tenants as { id: string; name: string }[];
    acmeId = tenants.find((x) => x.name === 'acme')!.id;
    globexId = tenants.find((x) => x.name === 'globex')!.id;
    const users = (await t.http.get('/api/admin/users').set(t.auth).expect(200)).body.users as { id: string; username: string }[];
    globexAdminId = users.find((u) => u.username === 'globex-admin')!.id;
  });
  afterAll(() => t.close());

  it('the first admin is the installation admin and sees every tenant and user', async () => {
    const me = await t.http.get('/api/user/current').set(t.auth).expect(200);
    expect(me.body.user).toMatchObject({ username: 'admin', role: 'admin', installation_admin: true });
    const users = await t.http.get('/api/admin/users').set(t.auth).expect(200);
    expect(users.body.users.map((u: { username: string }) => u.username).sort()).toEqual(['acme-admin', 'acme-viewer', 'admin', 'globex-admin']);
    const other = await t.http.get('/api/user/current').set(acmeAdmin).expect(200);
    expect(other.body.user).toMatchObject({ role: 'admin', installation_admin: false });
  });

  it('a tenant admin lists and creates users of their own tenant only', async () => {
    const listed = await t.http.get('/api/admin/users').set(acmeAdmin).expect(200);
    expect(listed.body.users.map((u: { username: string }) => u.username).sort()).toEqual(['acme-admin', 'acme-viewer']);

    const elsewhere = await t.http.post('/api/admin/users').set(acmeAdmin)
      .send({ username: 'intruder', password: 'intruder-pass-1', role: 'admin', tenant_id: globexId }).expect(403);
    expect(elsewhere.body).toMatchObject({ success: false, field: 'tenant_id' });
    await t.http.post('/api/auth/login').send({ username: 'intruder', password: 'intruder-pass-1' }).expect(401);

    const own = await t.http.post('/api/admin/users').set(acmeAdmin).send({ username: 'acme-new', password: 'acme-new-pass', role: 'member' }).expect(201);
    const created = (await t.http.get('/api/admin/users').set(t.auth)).body.users.find((u: { id: string }) => u.id === own.body.id);
    expect(created).toMatchObject({ username: 'acme-new', tenant_id: acmeId, installation_admin: false });
    await t.http.post('/api/admin/users').set(acmeAdmin)
      .send({ username: 'acme-boss', password: 'acme-boss-pass', role: 'admin', installation_admin: true }).expect(403);
  });

  it('a tenant admin cannot change another tenant’s users nor the installation admin', async () => {
    const res = await t.http.put(`/api/admin/users/${globexAdminId}`).set(acmeAdmin).send({ role: 'viewer' }).expect(404);
    expect(JSON.stringify(res.body)).not.toContain('globex');
    await t.http.put(`/api/admin/users/${globexAdminId}`).set(acmeAdmin).send({ disabled: true }).expect(404);
    const users = (await t.http.get('/api/admin/users').set(t.auth)).body.users;
    expect(users.find((u: { id: string }) => u.id === globexAdminId)).toMatchObject({ role: 'admin', disabled: false });

    // A tenant admin of tenant default may not demote the installation admin who lives there.
    const defaultAdmin = await t.userIn('default', 'default-admin', 'admin');
    const root = users.find((u: { username: string }) => u.username === 'admin');
    await t.http.put(`/api/admin/users/${root.id}`).set(defaultAdmin).send({ role: 'viewer' }).expect(403);
    await t.http.put(`/api/admin/users/${root.id}`).set(defaultAdmin).send({ disabled: true }).expect(403);
    const viewer = users.find((u: { username: string }) => u.username === 'acme-viewer');
    await t.http.put(`/api/admin/users/${viewer.id}`).set(acmeAdmin).send({ role: 'member' }).expect(200);
  });

  it('tenants and site settings are for the installation admin only', async () => {
    await t.http.get('/api/admin/tenants').set(acmeAdmin).expect(403);
    await t.http.post('/api/admin/tenants').set(acmeAdmin).send({ name: 'rogue' }).expect(403);
    await t.http.get('/api/admin/settings').set(acmeAdmin).expect(403);
    await t.http.put('/api/admin/settings').set(acmeAdmin).send({ open_registration: true }).expect(403);
    await t.http.get('/api/admin/settings').set(t.auth).expect(200);
  });

  it('the installation admin may make another installation admin, who then manages every tenant', async () => {
    await t.http.put(`/api/admin/users/${globexAdminId}`).set(t.auth).send({ installation_admin: true }).expect(200);
    const users = await t.http.get('/api/admin/users').set(globexAdmin).expect(200);
    expect(users.body.users.length).toBeGreaterThan(4);
    await t.http.get('/api/admin/tenants').set(globexAdmin).expect(200);
    await t.http.put(`/api/admin/users/${globexAdminId}`).set(globexAdmin).send({ installation_admin: false }).expect(400);
    await t.http.put(`/api/admin/users/${globexAdminId}`).set(t.auth).send({ installation_admin: false }).expect(200);
    await t.http.get('/api/admin/tenants').set(globexAdmin).expect(403);
  });

  it('an ingest token of the installation admin carries no installation role', async () => {
    const issued = await t.http.post('/api/tokens').set(t.auth).send({ name: 'shipper', scope: 'ingest' }).expect(201);
    const shipper = { Authorization: `Bearer ${issued.body.token}` };
    await t.http.get('/api/admin/tenants').set(shipper).expect(403);
    await t.http.post('/api/logs/bulk').set(shipper).set('Content-Type', 'application/x-ndjson').send(ndjson(2, 'shipword')).expect(200);
  });

  it('the admin page shows tenants and site settings to the installation admin only', async () => {
    const root = await t.sessionAgent('admin', 'admin-password-1');
    const full = await root.agent.get('/settings/admin').expect(200);
    expect(full.text).toContain('id="tenants-body"');
    expect(full.text).toContain('id="open-registration"');
    const tenantAdmin = await t.sessionAgent('acme-admin', 'user-password-1');
    const page = await tenantAdmin.agent.get('/settings/admin').expect(200);
    expect(page.text).toContain('id="users-body"');
    expect(page.text).not.toContain('id="tenants-body"');
    expect(page.text).not.toContain('id="open-registration"');
    expect(page.text).not.toContain('id="u-tenant"');
  });
});
