import { ndjson, startTestApp, TestApp } from '../support/test-app';

type Auth = { Authorization: string };

describe('custom dashboards (e2e)', () => {
  let t: TestApp;
  let alice: Auth;
  let bob: Auth;
  let viewer: Auth;
  let acme: Auth;

  const recent = (n: number, marker: string, extra: (i: number) => Record<string, unknown> = () => ({})) =>
    ndjson(n, marker, (i) => ({ timestamp: new Date(Date.now() - 60_000 - i * 1000).toISOString(), ...extra(i) }));

  const widgets = [
    { id: 'volume', type: 'count_over_time', title: 'Volume', query: 'dashword' },
    { id: 'top', type: 'top_values', field: 'endpoint', query: 'dashword', limit: 2 },
    { id: 'errors', type: 'number', stat: 'count', query: 'dashword AND level:ERROR' },
    { id: 'latest', type: 'latest_records', query: 'dashword', limit: 3, columns: ['@timestamp', 'message', 'fields.seq'] },
    { id: 'p95', type: 'field_over_time', stat: 'p95', field: 'response_time_ms', query: 'dashword' },
    { id: 'share', type: 'pie', field: 'service', query: 'dashword' },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    alice = await t.userIn('default', 'alice');
    bob = await t.userIn('default', 'bob');
    viewer = await t.userIn('default', 'vera', 'viewer');
    acme = await t.userIn('acme', 'eve');
    const bulk = (who: Auth, body: string) => t.http.post('/api/logs/bulk').set(who).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    await bulk(t.auth, recent(20, 'dashword'));
    await bulk(acme, recent(7, 'dashword', () => ({ service: 'acme-secret', endpoint: '/acme/secret' })));
  });
  afterAll(() => t.close());

  const create = async (who: Auth, body: Record<string, unknown>) => (await t.http.post('/api/dashboards').set(who).send(body).expect(201)).body.dashboard;

  it('creates, lists, reads, updates and deletes a dashboard (seed 001’s routes, trailing slash too)', async () => {
    const made = await create(alice, { name: 'Checkout', description: 'payments team', widgets, time_range: '1h', refresh: '30s' });
    expect(made).toMatchObject({
      id: expect.any(String), name: 'Checkout', description: 'payments team', owner: { username: 'alice' }, shared: false, visibility: 'private',
      time_range: { range: '1h', from: null, to: null }, refresh: '30s', refresh_seconds: 30, widget_count: 6, version: 1, can_edit: true, can_manage: true,
      url: `/dashboards/${made.id}`,
    });
    expect(made.widgets[1]).toEqual({
      id: 'top', title: 'Top values', type: 'top_values', query: 'dashword', field: 'endpoint', stat: null, limit: 2, columns: [], width: 6, height: 2, time_range: null,
    });

    const list = await t.http.get('/api/dashboards/').set(alice).expect(200);
    expect(list.body).toMatchObject({ success: true, count: 1, dashboards: [{ id: made.id, name: 'Checkout', widget_count: 6 }] });
    expect(list.body.dashboards[0].widgets).toBeUndefined();
    expect((await t.http.get(`/api/dashboards/${made.id}/`).set(alice).expect(200)).body.dashboard).toEqual(made);

    const put = await t.http.put(`/api/dashboards/${made.id}`).set(alice).send({ name: 'Checkout v2', version: 1, widgets: widgets.slice(0, 2).reverse() }).expect(200);
    expect(put.body.dashboard).toMatchObject({ name: 'Checkout v2', version: 2, widget_count: 2, refresh: '30s' });
    expect(put.body.dashboard.widgets.map((w: { id: string }) => w.id)).toEqual(['top', 'volume']);
    const stale = await t.http.put(`/api/dashboards/${made.id}`).set(alice).send({ name: 'stale', version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ success: false, error: 'conflict', current_version: 2 });

    expect((await t.http.delete(`/api/dashboards/${made.id}`).set(alice).expect(200)).body).toEqual({ success: true, message: 'Dashboard deleted' });
    await t.http.delete(`/api/dashboards/${made.id}`).set(alice).expect(404);
    await t.http.get(`/api/dashboards/${made.id}`).set(alice).expect(404);
  });

  it('computes every widget over the dashboard’s range, or the range the URL asks for', async () => {
    const d = await create(alice, { name: 'Data', widgets, time_range: '1h' });
    const { body } = await t.http.get(`/api/dashboards/${d.id}/data`).set(alice).expect(200);
    expect(Object.keys(body.widgets)).toEqual(widgets.map((w) => w.id));
    const w = body.widgets;
    expect(w.volume.interval_ms).toBe(60_000);
    expect(w.volume.buckets.reduce((n: number, b: { total: number }) => n + b.total, 0)).toBe(20);
    expect(w.top).toMatchObject({ type: 'top_values', field: 'endpoint', values: [{ value: '/api/items/0', count: 7 }, { value: '/api/items/1', count: 7 }], total: 20, other: 6 });
    expect(w.errors).toMatchObject({ type: 'number', value: 2, previous: 0 });
    expect(w.latest.records).toHaveLength(3);
    expect(w.latest.records[0]).toMatchObject({ message: 'request dashword number 0', fields: { seq: '0' } });
    expect(w.p95.points.some((p: { value: number | null }) => p.value !== null)).toBe(true);
    expect(w.share.values).toEqual([{ value: 'api', count: 20 }]);

    // Records were written a minute ago: the last 15 minutes hold them, a custom range before them does not.
    const narrow = await t.http.get(`/api/dashboards/${d.id}/widgets/errors/data?range=15m`).set(alice).expect(200);
    expect(narrow.body.data).toMatchObject({ type: 'number', value: 2 });
    const before = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const older = await t.http.get(`/api/dashboards/${d.id}/widgets/errors/data`).query({ range: 'custom', from: before, to: 'now-1h' }).set(alice).expect(200);
    expect(older.body.data.value).toBe(0);
    expect((await t.http.get(`/api/dashboards/${d.id}/widgets/nope/data`).set(alice).expect(404)).body.message).toContain('no widget nope');
    expect((await t.http.get(`/api/dashboards/${d.id}/data?range=2h`).set(alice).expect(400)).body.field).toBe('range.range');

    // The editor's preview draws an unsaved widget, in the caller's tenant only.
    const preview = await t.http.post('/api/dashboards/widget-data').set(acme).send({ widget: { type: 'top_values', field: 'service' }, time_range: '1h' }).expect(200);
    expect(preview.body.data.values).toEqual([{ value: 'acme-secret', count: 7 }]);
    const bad = await t.http.post('/api/dashboards/widget-data').set(alice).send({ widget: { type: 'count_over_time', query: 'level:(' } }).expect(400);
    expect(bad.body).toMatchObject({ field: 'widget.query', position: expect.any(Number) });
  });

  it('narrows every widget by the dashboard filter, and lets a widget the store refuses fail alone', async () => {
    const d = await create(alice, {
      name: 'Filtered', time_range: '1h',
      widgets: [
        { id: 'count', type: 'number', stat: 'count', query: 'dashword' },
        { id: 'lookahead', type: 'number', stat: 'count', query: '/(?=x)request/' },
        { id: 'region', type: 'top_values', field: 'fields.endpoint_group' },
      ],
    });
    const all = await t.http.get(`/api/dashboards/${d.id}/data`).set(alice).expect(200);
    expect(all.body.widgets.count.value).toBe(20);
    // JavaScript takes a lookahead, DuckDB's regex engine does not: that widget says why, the others draw.
    expect(all.body.widgets.lookahead).toEqual({ type: 'number', error: expect.stringContaining('could not run') });
    expect(all.body.widgets.region).toMatchObject({ field: 'endpoint_group' });
    const filtered = await t.http.get(`/api/dashboards/${d.id}/data`).query({ q: 'level:ERROR' }).set(alice).expect(200);
    expect(filtered.body.widgets.count.value).toBe(2);
    const one = await t.http.get(`/api/dashboards/${d.id}/widgets/count/data`).query({ q: 'endpoint:"/api/items/1"' }).set(alice).expect(200);
    expect(one.body.data.value).toBe(7);
    const preview = await t.http.post('/api/dashboards/widget-data').set(alice).send({ widget: { type: 'number' }, time_range: '1h', q: 'dashword AND level:ERROR' }).expect(200);
    expect(preview.body.data.value).toBe(2);
    const bad = await t.http.get(`/api/dashboards/${d.id}/data`).query({ q: 'level:(' }).set(alice).expect(400);
    expect(bad.body).toMatchObject({ field: 'q', position: expect.any(Number) });
  });

  it('creates a dashboard from another one’s GET answer (export and import as JSON)', async () => {
    const source = await create(alice, { name: 'Exported', widgets, time_range: { range: 'custom', from: '2026-11-01T00:00:00Z', to: 'now' }, refresh: '1m' });
    const exported = (await t.http.get(`/api/dashboards/${source.id}`).set(alice).expect(200)).body.dashboard;
    const imported = (await t.http.post('/api/dashboards').set(acme).send({ ...exported, name: 'Imported' }).expect(201)).body.dashboard;
    expect(imported).toMatchObject({ name: 'Imported', owner: { username: 'eve' }, time_range: source.time_range, refresh: '1m', version: 1 });
    expect(imported.widgets).toEqual(source.widgets);
    expect(imported.id).not.toBe(source.id);
  });

  it('answers bad bodies with a 400 that names the field', async () => {
    const bad = async (body: unknown, path = '/api/dashboards', method: 'post' | 'put' = 'post') => (await t.http[method](path).set(alice).send(body as object).expect(400)).body;
    expect(await bad({})).toMatchObject({ success: false, error: 'invalid_parameter', field: 'name' });
    expect((await bad({ name: 'x', widgets: [{ type: 'gauge' }] })).field).toBe('widgets[0].type');
    expect((await bad({ name: 'x', widgets: [{ type: 'top_values' }] })).field).toBe('widgets[0].field');
    expect((await bad({ name: 'x', widgets: [{ type: 'number', stat: 'p95', field: 'message' }] })).field).toBe('widgets[0].field');
    expect((await bad({ name: 'x', time_range: { range: 'custom', from: 'yesterday' } })).field).toBe('time_range.from');
    expect((await bad({ name: 'x', refresh: 5 })).field).toBe('refresh');
    expect((await bad({ name: 'x', visibility: 'public' })).field).toBe('visibility');
    const d = await create(alice, { name: 'to change' });
    expect((await bad({}, `/api/dashboards/${d.id}`, 'put')).field).toBe('name');
    expect((await bad({ widgets: [{ type: 'pie', field: 'service', height: 9 }] }, `/api/dashboards/${d.id}`, 'put')).field).toBe('widgets[0].height');
    await t.http.post('/api/dashboards').set(alice).set('Content-Type', 'application/json').send('{"name": ').expect(400);
  });

  it('keeps a private dashboard its owner’s, and every dashboard in its tenant, on every route', async () => {
    const privateOne = await create(alice, { name: 'alice only', widgets: widgets.slice(0, 1) });
    const shared = await create(alice, { name: 'team board', shared: true, widgets: widgets.slice(0, 1) });
    const routes = (id: string) => [
      () => t.http.get(`/api/dashboards/${id}`),
      () => t.http.put(`/api/dashboards/${id}`).send({ name: 'taken' }),
      () => t.http.delete(`/api/dashboards/${id}`),
      () => t.http.post(`/api/dashboards/${id}/copy`),
      () => t.http.get(`/api/dashboards/${id}/data`),
      () => t.http.get(`/api/dashboards/${id}/widgets/volume/data`),
    ];
    for (const call of routes(privateOne.id)) for (const other of [bob, t.auth, acme]) await call().set(other).expect(404);
    for (const call of routes(shared.id)) await call().set(acme).expect(404);
    const listed = async (who: Auth) => (await t.http.get('/api/dashboards').set(who).expect(200)).body.dashboards.map((d: { name: string }) => d.name);
    expect(await listed(bob)).toContain('team board');
    expect(await listed(bob)).not.toContain('alice only');
    const acmeSees = await listed(acme);
    expect(acmeSees).not.toContain('team board');
    expect(acmeSees).not.toContain('alice only');
    // The other tenant's widget data holds only its own records.
    const acmeBoard = await create(acme, { name: 'acme', widgets: [{ id: 'top', type: 'top_values', field: 'service' }], time_range: '1h' });
    expect((await t.http.get(`/api/dashboards/${acmeBoard.id}/data`).set(acme).expect(200)).body.widgets.top.values).toEqual([{ value: 'acme-secret', count: 7 }]);
    expect((await t.http.get(`/api/dashboards/${shared.id}`).set(alice).expect(200)).body.dashboard).toMatchObject({ name: 'team board', version: 1 });
  });

  it('lets the tenant edit a shared dashboard, while only its owner or an admin shares or deletes it', async () => {
    const d = await create(alice, { name: 'shared board', shared: true });
    const bobs = await t.http.put(`/api/dashboards/${d.id}`).set(bob).send({ description: 'bob edited', version: 1 }).expect(200);
    expect(bobs.body.dashboard).toMatchObject({ description: 'bob edited', can_edit: true, can_manage: false, owner: { username: 'alice' } });
    expect((await t.http.put(`/api/dashboards/${d.id}`).set(bob).send({ shared: false }).expect(403)).body.success).toBe(false);
    await t.http.delete(`/api/dashboards/${d.id}`).set(bob).expect(403);
    const copy = (await t.http.post(`/api/dashboards/${d.id}/copy`).set(bob).send({ name: 'bob’s own' }).expect(201)).body.dashboard;
    expect(copy).toMatchObject({ name: 'bob’s own', owner: { username: 'bob' }, shared: false });
    await t.http.delete(`/api/dashboards/${d.id}`).set(t.auth).expect(200);
  });

  it('lets a viewer look at shared dashboards but change none; anonymous calls get a 401', async () => {
    const d = await create(alice, { name: 'for viewers', shared: true, widgets: widgets.slice(2, 3), time_range: '1h' });
    expect((await t.http.get(`/api/dashboards/${d.id}`).set(viewer).expect(200)).body.dashboard).toMatchObject({ name: 'for viewers' });
    expect((await t.http.get(`/api/dashboards/${d.id}/data`).set(viewer).expect(200)).body.widgets.errors.value).toBe(2);
    await t.http.post('/api/dashboards').set(viewer).send({ name: 'nope' }).expect(403);
    await t.http.put(`/api/dashboards/${d.id}`).set(viewer).send({ name: 'nope' }).expect(403);
    await t.http.delete(`/api/dashboards/${d.id}`).set(viewer).expect(403);
    await t.http.post(`/api/dashboards/${d.id}/copy`).set(viewer).expect(403);
    await t.http.get('/api/dashboards').expect(401);
    await t.http.get(`/api/dashboards/${d.id}/data`).expect(401);
  });

  it('serves the list and dashboard pages to signed-in users only', async () => {
    const d = await create(alice, { name: '<script>alert(1)</script>', shared: true });
    const { agent } = await t.sessionAgent('alice', 'user-password-1');
    const list = await agent.get('/dashboards').expect(200);
    expect(list.text).toContain('/js/dashboards.js');
    const page = await agent.get(`/dashboards/${d.id}`).expect(200);
    expect(page.text).toContain('/js/dashboard-view.js');
    expect(page.text).toContain(`data-dashboard-id="${d.id}"`);
    // The name reaches the page through the API only, never through the template.
    expect(page.text).not.toContain('<script>alert(1)</script>');
    const hostile = await agent.get('/dashboards/%22%3E%3Cscript%3Ex%3C%2Fscript%3E').expect(200);
    expect(hostile.text).not.toContain('"><script>x</script>');
    const anonymous = await t.http.get(`/dashboards/${d.id}`).set('Accept', 'text/html').expect(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=/);
  });
});
