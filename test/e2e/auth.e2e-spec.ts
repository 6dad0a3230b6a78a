import request from 'supertest';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';

describe('API authentication (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates admin from LOGNEST_ADMIN_PASSWORD and logs in with a bearer token', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    expect(res.body.token).toMatch(/^lgn_/);
    expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin', tenant_id: 'default' });
    expect(res.body.user.password_hash).toBeUndefined();
  });

  it('refuses wrong passwords and missing fields', async () => {
    await t.http.post('/api/auth/login').send({ username: 'admin', password: 'wrong' }).expect(401);
    await t.http.post('/api/auth/login').send({ username: 'nobody', password: 'wrong' }).expect(401);
    const missing = await t.http.post('/api/auth/login').send({ username: 'admin' }).expect(400);
    expect(missing.body.field).toBe('password');
  });

  it('answers 401 on every API route without a valid token, except health', async () => {
    for (const [method, url] of [
      ['post', '/api/search'], ['get', '/api/logs/search'], ['post', '/api/logs/bulk'], ['get', '/api/files'],
      ['get', '/api/stats'], ['get', '/api/fields'], ['get', '/api/autocomplete/endpoints'], ['get', '/api/metrics/overview'],
    ] as const) {
      await request(t.app.getHttpServer())[method](url).expect(401);
      await request(t.app.getHttpServer())[method](url).set('Authorization', 'Bearer lgn_forged').expect(401);
    }
    const health = await t.http.get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'healthy', components: { log_store: true, metadata_store: true } });
  });

  it('lets a viewer read but not ingest', async () => {
    const viewer = await t.userIn('default', 'viewer1', 'viewer');
    await t.http.post('/api/search').set(viewer).send({}).expect(200);
    await t.http.post('/api/logs/bulk').set(viewer).set('Content-Type', 'application/x-ndjson').send('{"message":"x"}').expect(403);
  });
});
