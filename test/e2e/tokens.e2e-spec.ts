import { ndjson, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('API tokens (e2e)', () => {
  let t: TestApp;
  let member: { Authorization: string };
  let viewer: { Authorization: string };
  let other: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    member = await t.userIn('default', 'token-member');
    viewer = await t.userIn('default', 'token-viewer', 'viewer');
    other = await t.userIn('other-co', 'other-member');
  });
  afterAll(() => t.close());

  it('creates a token whose secret is shown once, lists it without the secret, deletes it', async () => {
    const created = await t.http.post('/api/tokens').set(member).send({ name: 'shipper', scope: 'ingest' }).expect(201);
    expect(created.body).toEqual({ success: true, id: expect.any(String), token: expect.stringMatching(/^lgn_/), name: 'shipper', scope: 'ingest' });
    await t.http.post('/api/logs/bulk').set(bearer(created.body.token)).set('Content-Type', 'application/x-ndjson').send(ndjson(2, 'bytoken')).expect(200);

    const list = await t.http.get('/api/tokens').set(member).expect(200);
    expect(list.body.tokens).toEqual([
      { id: created.body.id, name: 'shipper', scope: 'ingest', created_at: expect.any(String), last_used_at: expect.any(String) },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    await t.http.delete(`/api/tokens/${created.body.id}`).set(member).expect(200);
    await t.http.delete(`/api/tokens/${created.body.id}`).set(member).expect(404);
    expect((await t.http.get('/api/tokens').set(member)).body.tokens).toEqual([]);
    await t.http.post('/api/logs/bulk').set(bearer(created.body.token)).set('Content-Type', 'application/x-ndjson').send(ndjson(1, 'revoked')).expect(401);
  });

  it('an ingest token can ingest and nothing else; a read token can search but not ingest', async () => {
    const ingest = (await t.http.post('/api/tokens').set(member).send({ name: 'in', scope: 'ingest' }).expect(201)).body.token;
    const read = (await t.http.post('/api/tokens').set(member).send({ name: 'ro', scope: 'read' }).expect(201)).body.token;
    await t.http.post('/api/logs/bulk').set(bearer(ingest)).set('Content-Type', 'application/x-ndjson').send(ndjson(3, 'scoped')).expect(200);
    await t.http.post('/api/search').set(bearer(ingest)).send({}).expect(403);
    await t.http.get('/api/files').set(bearer(ingest)).expect(403);
    await t.http.post('/api/search').set(bearer(read)).send({}).expect(200);
    await t.http.post('/api/logs/bulk').set(bearer(read)).set('Content-Type', 'application/x-ndjson').send(ndjson(1, 'nope')).expect(403);
    // An API token cannot mint, list or delete tokens.
    await t.http.post('/api/tokens').set(bearer(read)).send({ name: 'more', scope: 'read' }).expect(403);
    await t.http.get('/api/tokens').set(bearer(ingest)).expect(403);
  });

  it('a token never exceeds its maker: admin tokens for admins only, viewers get read only', async () => {
    expect((await t.http.post('/api/tokens').set(member).send({ name: 'x', scope: 'admin' }).expect(403)).body.field).toBe('scope');
    await t.http.post('/api/tokens').set(viewer).send({ name: 'x', scope: 'ingest' }).expect(403);
    await t.http.post('/api/tokens').set(viewer).send({ name: 'x', scope: 'admin' }).expect(403);
    await t.http.post('/api/tokens').set(viewer).send({ name: 'viewer-read', scope: 'read' }).expect(201);
    const admin = await t.http.post('/api/tokens').set(t.auth).send({ name: 'ops', scope: 'admin' }).expect(201);
    await t.http.get('/api/admin/users').set(bearer(admin.body.token)).expect(200);
    expect((await t.http.post('/api/tokens').set(member).send({ name: 'x', scope: 'login' }).expect(400)).body.field).toBe('scope');
    expect((await t.http.post('/api/tokens').set(member).send({ scope: 'read' }).expect(400)).body.field).toBe('name');
  });

  it('deleting a token of another user or tenant is a 404 and leaves it working', async () => {
    const mine = await t.http.post('/api/tokens').set(member).send({ name: 'mine', scope: 'read' }).expect(201);
    await t.http.delete(`/api/tokens/${mine.body.id}`).set(other).expect(404);
    await t.http.delete(`/api/tokens/${mine.body.id}`).set(viewer).expect(404);
    await t.http.delete(`/api/tokens/${mine.body.id}`).set(t.auth).expect(404);
    await t.http.post('/api/search').set(bearer(mine.body.token)).send({}).expect(200);
    expect((await t.http.get('/api/tokens').set(other)).body.tokens).toEqual([]);
  });

  it('works by session too, with the CSRF token', async () => {
    const { agent, csrf } = await t.sessionAgent('token-member', USER_PASSWORD);
    await agent.post('/api/tokens').send({ name: 'from-browser', scope: 'read' }).expect(403);
    const created = await agent.post('/api/tokens').set('X-CSRF-Token', csrf).send({ name: 'from-browser', scope: 'read' }).expect(201);
    expect((await agent.get('/api/tokens').expect(200)).body.tokens.map((x: { name: string }) => x.name)).toContain('from-browser');
    await agent.delete(`/api/tokens/${created.body.id}`).set('X-CSRF-Token', csrf).expect(200);
  });
});

describe('viewer role (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is refused every write route, by bearer and by session', async () => {
    const up = await t.http.post('/api/upload').set(t.auth).attach('file', Buffer.from(ndjson(2, 'adminfile')), 'a.ndjson').expect(201);
    const viewer = await t.userIn('default', 'just-looking', 'viewer');
    const session = await t.sessionAgent('just-looking', USER_PASSWORD);
    const attempts = [
      (h: typeof t.http | typeof session.agent) => h.post('/api/logs').send({ message: 'x' }),
      (h: typeof t.http | typeof session.agent) => h.post('/api/logs/bulk').set('Content-Type', 'application/x-ndjson').send('{"message":"x"}'),
      (h: typeof t.http | typeof session.agent) => h.post('/api/upload').attach('file', Buffer.from('{"message":"x"}'), 'x.ndjson'),
      (h: typeof t.http | typeof session.agent) => h.delete(`/api/files/${up.body.file_id}`),
    ];
    for (const attempt of attempts) {
      await attempt(t.http).set(viewer).expect(403);
      await attempt(session.agent).set('X-CSRF-Token', session.csrf).expect(403);
    }
    await t.http.post('/api/search').set(viewer).send({}).expect(200);
    await t.filesIdle();
    await t.http.get(`/api/files/${up.body.file_id}`).set(viewer).expect(200);
  });
});
