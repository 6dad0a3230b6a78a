import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const records = (ages: number[], marker: string) =>
  ages.map((days, i) => JSON.stringify({ timestamp: new Date(Date.now() - days * DAY).toISOString(), level: 'info', message: `${marker} ${i}` })).join('\n');

describe('retention per tenant (e2e)', () => {
  let t: TestApp;
  let other: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    other = await t.userIn('keeper', 'keeper-admin', 'admin');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(records([40, 35, 10, 1], 'aged')).expect(200);
    await t.http.post('/api/logs/bulk').set(other).set('Content-Type', 'application/x-ndjson').send(records([400, 1], 'kept')).expect(200);
  });
  afterAll(() => t.close());

  const overview = async () => (await t.http.get('/api/admin/retention').set(t.auth).expect(200)).body.tenants as Record<string, unknown>[];
  const count = async (who: { Authorization: string }, q: string) => (await t.http.post('/api/search').set(who).send({ q }).expect(200)).body.total;

  it('shows each tenant with its records, oldest record and size, and no retention by default', async () => {
    const mine = (await overview()).find((x) => x.id === 'default')!;
    expect(mine).toMatchObject({ retention_days: null, records: 4 });
    expect(Date.parse(mine.oldest_record as string)).toBeLessThan(Date.now() - 39 * DAY);
    expect(mine.size_bytes).toBeGreaterThan(0);
  });

  it('deletes records older than the period on demand, in that tenant only, and search agrees at once', async () => {
    expect(await count(t.auth, 'aged')).toBe(4);
    await t.http.put('/api/admin/tenants/default').set(t.auth).send({ retention_days: 30 }).expect(200, { success: true, id: 'default', retention_days: 30 });
    const run = (await t.http.post('/api/admin/retention/run').set(t.auth).expect(200)).body;
    expect(run.deleted).toEqual({ default: 2 });
    expect(await count(t.auth, 'aged')).toBe(2);
    expect(await count(other, 'kept')).toBe(2);
    const mine = (await overview()).find((x) => x.id === 'default')!;
    expect(mine).toMatchObject({ retention_days: 30, records: 2 });
    expect(Date.parse(mine.oldest_record as string)).toBeGreaterThan(Date.now() - 11 * DAY);
    expect((await overview()).find((x) => x.id === 't-keeper')).toMatchObject({ retention_days: null, records: 2 });
  });

  it('unset keeps everything again', async () => {
    await t.http.put('/api/admin/tenants/t-keeper').set(t.auth).send({ retention_days: 500 }).expect(200);
    await t.http.put('/api/admin/tenants/t-keeper').set(t.auth).send({ retention_days: null }).expect(200);
    expect((await t.http.post('/api/admin/retention/run').set(t.auth).expect(200)).body.deleted).toEqual({ default: 0 });
    expect(await count(other, 'kept')).toBe(2);
  });

  it('refuses bad periods, unknown tenants and anyone but an installation admin', async () => {
    for (const retention_days of [0, -1, 1.5, '30', 40_000]) {
      const res = await t.http.put('/api/admin/tenants/default').set(t.auth).send({ retention_days }).expect(400);
      expect(res.body.field).toBe('retention_days');
    }
    await t.http.put('/api/admin/tenants/nope').set(t.auth).send({ retention_days: 5 }).expect(404);
    await t.http.put('/api/admin/tenants/t-keeper').set(other).send({ retention_days: 1 }).expect(403);
    await t.http.post('/api/admin/retention/run').set(other).expect(403);
    await t.http.get('/api/admin/retention').set(other).expect(403);
  });
});
