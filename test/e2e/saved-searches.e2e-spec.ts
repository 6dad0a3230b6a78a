import { AuthService } from '../../src/auth/auth.service';
import { UserStore } from '../../src/auth/user-store';
import { ndjson, startTestApp, TestApp } from '../support/test-app';

describe('saved searches and search history (e2e)', () => {
  let t: TestApp;
  let member: { Authorization: string };
  let viewer: { Authorization: string };
  let acme: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    member = await t.userIn('default', 'm1');
    viewer = await t.userIn('default', 'v1', 'viewer');
    acme = await t.userIn('acme', 'u1');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(20, 'historyword')).expect(200);
  });
  afterAll(() => t.close());

  it('saves, lists, renames, uses and deletes a search', async () => {
    const filters = { q: 'historyword', level: 'ERROR', status_code: '500', date_from: '2026-11-01' };
    const saved = await t.http.post('/api/search/save').set(member).send({ name: 'Production Errors', description: 'All 500s', filters }).expect(201);
    expect(saved.body).toEqual({ success: true, message: 'Search saved successfully', search_id: expect.any(String), name: 'Production Errors' });
    const id = saved.body.search_id as string;
    await t.http.post('/api/search/save').set(member).send({ name: 'Second', filters: { q: 'other' } }).expect(201);

    const list = await t.http.get('/api/search/saved').set(member).expect(200);
    expect(list.body.count).toBe(2);
    expect(list.body.searches.map((s: { name: string }) => s.name)).toEqual(['Second', 'Production Errors']);
    expect(list.body.searches[1]).toEqual({
      _id: id, id, name: 'Production Errors', description: 'All 500s', filters,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), last_used: null, use_count: 0,
    });
    expect((await t.http.get('/api/search/saved?limit=1').set(member).expect(200)).body.count).toBe(1);

    const renamed = await t.http.put(`/api/search/saved/${id}`).set(member).send({ name: 'Prod 500s' }).expect(200);
    expect(renamed.body.search).toMatchObject({ name: 'Prod 500s', description: 'All 500s' });

    await t.http.post(`/api/search/saved/${id}/use`).set(member).expect(200);
    const used = await t.http.post(`/api/search/saved/${id}/use`).set(member).expect(200);
    expect(used.body).toMatchObject({ success: true, search: { id, use_count: 2, filters } });
    expect(Date.parse(used.body.search.last_used)).toBeGreaterThan(Date.now() - 60_000);

    // The saved filters replay as a search.
    const replay = await t.http.post('/api/search').set(member).send(used.body.search.filters).expect(200);
    expect(replay.body.total).toBe(2);

    const deleted = await t.http.delete(`/api/search/saved/${id}`).set(member).expect(200);
    expect(deleted.body).toEqual({ success: true, message: 'Search deleted successfully' });
    await t.http.delete(`/api/search/saved/${id}`).set(member).expect(404);
    expect((await t.http.get('/api/search/saved').set(member)).body.count).toBe(1);
  });

  it('answers 400s that name the field', async () => {
    const bad = async (body: unknown) => (await t.http.post('/api/search/save').set(member).send(body as object).expect(400)).body;
    expect(await bad({ filters: {} })).toMatchObject({ success: false, error: 'invalid_parameter', field: 'name' });
    expect((await bad({ name: 'x'.repeat(201) })).field).toBe('name');
    expect((await bad({ name: 'ok', filters: 'level:ERROR' })).field).toBe('filters');
    expect((await bad({ name: 'ok', filters: { status_code: '999' } })).field).toBe('filters.status_code');
    expect((await t.http.get('/api/search/saved?limit=0').set(member).expect(400)).body.field).toBe('limit');
    expect((await t.http.put('/api/search/saved/whatever').set(member).send({}).expect(400)).body.field).toBe('name');
  });

  it('keeps saved searches per user and per tenant: another owner’s id is a 404', async () => {
    const { body } = await t.http.post('/api/search/save').set(member).send({ name: 'member only', filters: {} }).expect(201);
    const id = body.search_id as string;
    for (const other of [t.auth, acme]) {
      expect((await t.http.get('/api/search/saved').set(other).expect(200)).body.searches.map((s: { id: string }) => s.id)).not.toContain(id);
      await t.http.post(`/api/search/saved/${id}/use`).set(other).expect(404);
      await t.http.put(`/api/search/saved/${id}`).set(other).send({ name: 'taken' }).expect(404);
      await t.http.delete(`/api/search/saved/${id}`).set(other).expect(404);
    }
    const mine = await t.http.get('/api/search/saved').set(member).expect(200);
    expect(mine.body.searches.find((s: { id: string }) => s.id === id)).toMatchObject({ name: 'member only', use_count: 0 });
  });

  it('lets a viewer list but not save, rename, use, delete or clear', async () => {
    const denied = await t.http.post('/api/search/save').set(viewer).send({ name: 'nope', filters: {} }).expect(403);
    expect(denied.body.success).toBe(false);
    await t.http.put('/api/search/saved/x').set(viewer).send({ name: 'nope' }).expect(403);
    await t.http.post('/api/search/saved/x/use').set(viewer).expect(403);
    await t.http.delete('/api/search/saved/x').set(viewer).expect(403);
    await t.http.delete('/api/search/history').set(viewer).expect(403);
    expect((await t.http.get('/api/search/saved').set(viewer).expect(200)).body).toEqual({ success: true, searches: [], count: 0 });
    await t.http.get('/api/search/saved').expect(401);
  });

  it('records the searches a user runs, newest first, and clears them', async () => {
    await t.http.delete('/api/search/history').set(member).expect(200);
    await t.http.post('/api/search').set(member).send({ q: 'historyword', level: 'ERROR', page: 1, per_page: 5 }).expect(200);
    await t.http.post('/api/search').set(member).send({ q: 'historyword', page: 2 }).expect(200);
    await t.http.post('/api/search').set(member).send({ q: 'nothingmatches', service: 'api' }).expect(200);

    const history = await t.http.get('/api/search/history').set(member).expect(200);
    expect(history.body.count).toBe(2);
    expect(history.body.history[0]).toEqual({
      id: expect.any(String), query: 'nothingmatches', filters: { service: 'api' }, total: 0,
      duration_ms: expect.any(Number), searched_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(history.body.history[1]).toMatchObject({ query: 'historyword', filters: { level: 'ERROR' }, total: 2 });
    expect((await t.http.get('/api/search/history?limit=1').set(member)).body.history.map((h: { query: string }) => h.query)).toEqual(['nothingmatches']);
    expect((await t.http.get('/api/search/history').set(t.auth)).body.history.map((h: { query: string }) => h.query)).not.toContain('nothingmatches');

    const cleared = await t.http.delete('/api/search/history').set(member).expect(200);
    expect(cleared.body).toEqual({ success: true, message: 'Search history cleared', deleted: 2 });
    expect((await t.http.get('/api/search/history').set(member)).body).toEqual({ success: true, history: [], count: 0 });
  });

  it('ranks the tenant’s popular queries, and keeps both per tenant', async () => {
    for (const [who, q] of [[member, 'checkout failed'], [t.auth, 'checkout failed'], [viewer, 'checkout failed'], [member, 'login'], [t.auth, ''], [t.auth, '']] as const) {
      await t.http.post('/api/search').set(who).send({ q }).expect(200);
    }
    for (let i = 0; i < 5; i++) await t.http.post('/api/search').set(acme).send({ q: 'acme secret query' }).expect(200);

    const popular = await t.http.get('/api/search/popular').set(member).expect(200);
    expect(popular.body.queries[0]).toEqual({ query: 'checkout failed', count: 3, last_searched: expect.stringMatching(/^\d{4}-/) });
    expect(popular.body.queries.map((q: { query: string }) => q.query)).toContain('login');
    expect(popular.body.queries.map((q: { query: string }) => q.query)).not.toContain('');
    expect(popular.body.queries.map((q: { query: string }) => q.query)).not.toContain('acme secret query');
    expect((await t.http.get('/api/search/popular?limit=1').set(member)).body.count).toBe(1);

    const acmePopular = await t.http.get('/api/search/popular').set(acme).expect(200);
    expect(acmePopular.body.queries).toEqual([{ query: 'acme secret query', count: 5, last_searched: expect.any(String) }]);
    const acmeHistory = await t.http.get('/api/search/history').set(acme).expect(200);
    expect(acmeHistory.body.history.every((h: { query: string }) => h.query === 'acme secret query')).toBe(true);
  });

  it('does not record searches made with an API token', async () => {
    const user = await t.app.get(UserStore).findByUsername('m1');
    const issued = await t.app.get(AuthService).issueToken(user!, 'read', 'script');
    const script = { Authorization: `Bearer ${issued.token}` };
    await t.http.post('/api/search').set(script).send({ q: 'from a script' }).expect(200);
    const history = await t.http.get('/api/search/history').set(member).expect(200);
    expect(history.body.history.map((h: { query: string }) => h.query)).not.toContain('from a script');
  });
});
