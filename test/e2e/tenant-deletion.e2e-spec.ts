import { SettingsStore } from '../../src/admin/settings-store';
import { SqliteDatabase } from '../../src/platform/metadata/sqlite-database';
import { LogReadStore } from '../../src/logs/log-read-store';
import { parseQuery } from '../../src/logs/query/query-parser';
import { ndjson, startTestApp, TestApp, USER_PASSWORD, waitFor } from '../support/test-app';

type Auth = { Authorization: string };

/** DELETE /api/admin/tenants/:id removes the tenant and every piece of its data. */
describe('tenant deletion (e2e)', () => {
  let t: TestApp;
  let acme: Auth;
  let acmeAdmin: Auth;
  let globex: Auth;
  let acmeId: string;
  let acmeToken: string;

  const rowsOf = (tenantId: string) => {
    const db = t.app.get(SqliteDatabase).db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
      if (columns.includes('tenant_id')) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE tenant_id = ?`).get(tenantId) as { n: number }).n;
    }
    counts.tenants = (db.prepare('SELECT count(*) AS n FROM tenants WHERE id = ?').get(tenantId) as { n: number }).n;
    return counts;
  };
  const logsOf = (tenantId: string) => t.app.get(LogReadStore).count({ tenantId, query: parseQuery('') });

  beforeAll(async () => {
    t = await startTestApp();
    acme = await t.userIn('acme', 'acme-member');
    acmeAdmin = await t.userIn('acme', 'acme-admin', 'admin');
    globex = await t.userIn('globex', 'globex-member');
    acmeId = (await t.http.get('/api/admin/tenants').set(t.auth).expect(200)).body.tenants.find((x: { name: string }) => x.name === 'acme').id;
    const ingest = (auth: Auth, body: string) => t.http.post('/api/logs/bulk').set(auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    await ingest(acme, ndjson(40, 'acmeword'));
    await ingest(globex, ndjson(7, 'globexword'));
    const up = await t.http.post('/api/upload').set(acme).attach('file', Buffer.from(ndjson(3, 'acmefile')), 'acme.ndjson').expect(201);
    await waitFor(async () => (await t.http.get(`/api/files/${up.body.file_id}`).set(acme)).body.status === 'completed');
    acmeToken = (await t.http.post('/api/tokens').set(acme).send({ name: 'shipper', scope: 'ingest' }).expect(201)).body.token;
    await t.http.post('/api/search').set(acme).send({ q: 'acmeword' }).expect(200);
    await t.http.post('/api/search/save').set(acme).send({ name: 'mine', filters: { q: 'acmeword' } }).expect(201);
    const channel = (await t.http.post('/api/alerts/channels').set(acme).send({ name: 'c', type: 'console' }).expect(201)).body.channel.id;
    await t.http.post('/api/alerts/rules').set(acme).send({ name: 'r', condition: { threshold: 1 }, channels: [channel] }).expect(201);
    await t.http.post('/api/alerts/silences').set(acme).send({ matchers: { group: 'x' }, ends_at: new Date(Date.now() + 3_600_000).toISOString() }).expect(201);
    await t.http.put(`/api/admin/tenants/${acmeId}`).set(t.auth).send({ retention_days: 30 }).expect(200);
    await t.http.get('/api/metrics/overview').set(acme).expect(200);
  });
  afterAll(() => t.close());

  it('only an installation admin deletes, never their own tenant, and an unknown one is a 404', async () => {
    await t.http.delete(`/api/admin/tenants/${acmeId}`).set(acmeAdmin).expect(403);
    await t.http.delete(`/api/admin/tenants/${acmeId}`).set(acme).expect(403);
    await t.http.delete(`/api/admin/tenants/${acmeId}`).expect(401);
    expect((await t.http.delete('/api/admin/tenants/default').set(t.auth).expect(409)).body).toMatchObject({ error: 'own_tenant', field: 'id' });
    await t.http.delete('/api/admin/tenants/no-such-tenant').set(t.auth).expect(404);
  });

  it('deletes its logs, files, users, tokens, searches, alerting and settings; other tenants keep theirs', async () => {
    const before = rowsOf(acmeId);
    expect(before).toMatchObject({ users: 2, files: 1, saved_searches: 1, search_history: 1, alert_rules: 1, alert_channels: 1, alert_silences: 1, tenants: 1 });
    expect(before.tokens).toBeGreaterThanOrEqual(3);
    expect(await logsOf(acmeId)).toBe(43);
    const globexBefore = rowsOf('t-globex');

    const res = await t.http.delete(`/api/admin/tenants/${acmeId}`).set(t.auth).expect(200);
    expect(res.body).toMatchObject({ success: true, id: acmeId, deleted: { logs: 43, files: 1, users: 2, saved_searches: 1, alert_rules: 1, tenants: 1 } });

    expect(Object.values(rowsOf(acmeId)).every((n) => n === 0)).toBe(true);
    expect(await logsOf(acmeId)).toBe(0);
    expect(await t.app.get(SettingsStore).get(`retention_days:${acmeId}`)).toBeNull();
    expect((await t.http.get('/api/admin/tenants').set(t.auth)).body.tenants.map((x: { name: string }) => x.name)).not.toContain('acme');
    // Its people and tokens are gone: no sign-in, no ingest.
    await t.http.post('/api/auth/login').send({ username: 'acme-member', password: USER_PASSWORD }).expect(401);
    await t.http.get('/api/stats').set(acme).expect(401);
    await t.http.post('/api/logs').set({ Authorization: `Bearer ${acmeToken}` }).send({ message: 'late' }).expect(401);

    expect(rowsOf('t-globex')).toEqual(globexBefore);
    expect(await logsOf('t-globex')).toBe(7);
    expect((await t.http.post('/api/search').set(globex).send({}).expect(200)).body.total).toBe(7);
    // Deleting it again: it is unknown now.
    await t.http.delete(`/api/admin/tenants/${acmeId}`).set(t.auth).expect(404);
  });
});
