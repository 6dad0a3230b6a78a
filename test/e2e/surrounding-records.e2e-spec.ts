import { startTestApp, TestApp, waitFor } from '../support/test-app';

// GET /api/logs/:id/context: the neighbourhoods of issue 13 (same service, server, file, all),
// more loaded from the edge record shown, and only ever from the caller's tenant.
describe('surrounding records (e2e)', () => {
  let t: TestApp;
  let other: { Authorization: string };
  const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    other = await t.userIn('other', 'other-user');
    const line = (m: number, service: string, server: string) => JSON.stringify({ timestamp: at(m), message: `m${m}`, service, server });
    const upload = [line(0, 'api', 'h1'), line(2, 'db', 'h1'), line(3, 'api', 'h1'), line(6, 'db', 'h2')].join('\n');
    const up = await t.http.post('/api/upload').set(t.auth).attach('file', Buffer.from(upload), 'app.ndjson').expect(201);
    await waitFor(async () => (await t.http.get(`/api/files/${up.body.file_id}`).set(t.auth)).body.status === 'completed');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson')
      .send([line(1, 'api', 'h2'), line(4, 'api', 'h9'), line(5, 'web', 'h1')].join('\n')).expect(200);
    await t.http.post('/api/logs/bulk').set(other).set('Content-Type', 'application/x-ndjson').send(line(2, 'api', 'h1') + '\n').expect(200);
    const all = await t.http.post('/api/search').set(t.auth).send({ date_from: '2026-11-20T00:00:00Z', per_page: 50 }).expect(200);
    for (const r of all.body.results) ids.set(r.message, r.id);
  });
  afterAll(() => t.close());

  const around = async (message: string, query: Record<string, unknown>, who = t.auth) => {
    const res = await t.http.get(`/api/logs/${ids.get(message)}/context`).query(query).set(who).expect(200);
    return [res.body.before.map((r: { message: string }) => r.message), res.body.after.map((r: { message: string }) => r.message)];
  };

  it('answers the same service and server by default, and each neighbourhood asked for', async () => {
    expect(await around('m3', {})).toEqual([['m0'], []]);
    expect(await around('m3', { same: 'service,server' })).toEqual([['m0'], []]);
    expect(await around('m3', { same: 'service' })).toEqual([['m0', 'm1'], ['m4']]);
    expect(await around('m3', { same: 'server' })).toEqual([['m0', 'm2'], ['m5']]);
    expect(await around('m3', { same: 'file' })).toEqual([['m0', 'm2'], ['m6']]);
    expect(await around('m3', { same: 'all' })).toEqual([['m0', 'm1', 'm2'], ['m4', 'm5', 'm6']]);
  });

  it('loads more from the first or last record shown', async () => {
    expect(await around('m3', { same: 'all', before: 1, after: 1 })).toEqual([['m2'], ['m4']]);
    expect(await around('m2', { same: 'all', before: 1, after: 0 })).toEqual([['m1'], []]);
    expect(await around('m4', { same: 'all', before: 0, after: 2 })).toEqual([[], ['m5', 'm6']]);
  });

  it('never shows another tenant’s records, whatever the neighbourhood', async () => {
    const all = await around('m3', { same: 'all' });
    expect(all.flat()).toEqual(['m0', 'm1', 'm2', 'm4', 'm5', 'm6']);
    await t.http.get(`/api/logs/${ids.get('m3')}/context`).query({ same: 'all' }).set(other).expect(404);
    const theirs = (await t.http.post('/api/search').set(other).send({ date_from: '2026-11-20T00:00:00Z' }).expect(200)).body.results[0].id;
    const res = await t.http.get(`/api/logs/${theirs}/context`).query({ same: 'all' }).set(other).expect(200);
    expect(res.body).toMatchObject({ before: [], after: [] });
  });

  it('refuses a neighbourhood it does not know, naming the parameter', async () => {
    const res = await t.http.get(`/api/logs/${ids.get('m3')}/context`).query({ same: 'planet' }).set(t.auth).expect(400);
    expect(res.body).toMatchObject({ success: false, field: 'same' });
    expect(res.body.message).toContain('service,server | service | server | file | all');
  });
});
