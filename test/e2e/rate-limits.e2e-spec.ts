import { startTestApp, TestApp } from '../support/test-app';

describe('API rate limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_RATE_LIMITS: 'search=3/minute,default=50/minute,login=10/hour,lookup=50/minute' } });
  });
  afterAll(() => t.close());

  it('answers each limited call with the X-RateLimit headers, and 429 past the limit', async () => {
    const search = () => t.http.post('/api/search').set(t.auth).send({ q: 'x' });
    const first = await search().expect(200);
    expect(first.headers['x-ratelimit-limit']).toBe('3');
    expect(first.headers['x-ratelimit-remaining']).toBe('2');
    const reset = Number(first.headers['x-ratelimit-reset']);
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 61_000);
    await search().expect(200);
    expect((await search().expect(200)).headers['x-ratelimit-remaining']).toBe('0');
    const refused = await search().expect(429);
    expect(refused.body).toMatchObject({ success: false, error: 'Rate limit exceeded: 3 per 1 minute' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    // Another class of the same caller is counted apart.
    expect((await t.http.get('/api/logs/search').set(t.auth).expect(429)).headers['x-ratelimit-limit']).toBe('3');
    expect((await t.http.get('/api/logs/nope').set(t.auth).expect(404)).headers['x-ratelimit-limit']).toBe('50');
  });

  it('counts per user, and per token for API tokens', async () => {
    const other = await t.userIn('default', 'rl-other');
    expect((await t.http.post('/api/search').set(other).send({ q: 'x' }).expect(200)).headers['x-ratelimit-remaining']).toBe('2');
    const token = (await t.http.post('/api/tokens').set(other).send({ name: 'script', scope: 'read' }).expect(201)).body.token;
    expect((await t.http.post('/api/search').set({ Authorization: `Bearer ${token}` }).send({ q: 'x' }).expect(200)).headers['x-ratelimit-remaining']).toBe('2');
  });

  it('lets a tenant admin see and reset the windows of their tenant, and nobody else', async () => {
    const tenantAdmin = await t.userIn('default', 'rl-tenant-admin', 'admin');
    const status = (await t.http.get('/api/rate-limits/status').set(tenantAdmin).expect(200)).body;
    expect(status.enabled).toBe(true);
    expect(status.limits.search).toEqual({ limit: 3, window_seconds: 60, description: '3 per 1 minute' });
    expect(status.limits.ingest.limit).toBeGreaterThan(status.limits.default.limit);
    const mine = status.active.find((e: { class: string; count: number }) => e.class === 'search' && e.count >= 4);
    expect(mine).toMatchObject({ id: expect.stringMatching(/^user:/), limit: 3, remaining: 0 });
    expect(status.active.some((e: { id: string }) => e.id.startsWith('ip:'))).toBe(false);

    const stranger = await t.userIn('elsewhere', 'rl-stranger', 'admin');
    const theirs = (await t.http.get('/api/rate-limits/status').set(stranger).expect(200)).body.active;
    expect(theirs.every((e: { id: string }) => e.id !== mine.id)).toBe(true);
    await t.http.delete(`/api/rate-limits/reset/${encodeURIComponent(mine.id)}`).set(stranger).expect(200);
    await t.http.post('/api/search').set(t.auth).send({ q: 'x' }).expect(429);

    const member = await t.userIn('default', 'rl-member');
    await t.http.get('/api/rate-limits/status').set(member).expect(403);

    await t.http.delete(`/api/rate-limits/reset/${encodeURIComponent(mine.id)}`).set(tenantAdmin).expect(200);
    await t.http.post('/api/search').set(t.auth).send({ q: 'x' }).expect(200);
    const all = (await t.http.delete('/api/rate-limits/reset-all').set(tenantAdmin).expect(200)).body;
    expect(all.reset).toBeGreaterThan(0);
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'x' }).expect(200)).headers['x-ratelimit-remaining']).toBe('2');
  });

  it('shows an installation admin every tenant and the anonymous windows, and resets them', async () => {
    await t.http.post('/api/search').set(await t.userIn('far', 'rl-far')).send({ q: 'x' }).expect(200);
    const active = (await t.http.get('/api/rate-limits/status').set(t.auth).expect(200)).body.active as { id: string; tenant_id: string | null; class: string }[];
    expect(active.some((e) => e.tenant_id === 't-far' && e.class === 'search')).toBe(true);
    const anonymous = active.find((e) => e.id.startsWith('ip:') && e.class === 'login');
    expect(anonymous).toMatchObject({ tenant_id: null });
    await t.http.delete(`/api/rate-limits/reset/${encodeURIComponent(anonymous!.id)}`).set(t.auth).expect(200);
    const after = (await t.http.get('/api/rate-limits/status').set(t.auth).expect(200)).body.active as { id: string }[];
    expect(after.some((e) => e.id === anonymous!.id)).toBe(false);
  });

  it('counts refusals in rate_limit_exceeded_total', async () => {
    const text = (await t.http.get('/metrics').set(t.auth).expect(200)).text;
    expect(text).toMatch(/^rate_limit_exceeded_total\{endpoint="\/api\/search"\} [1-9]/m);
  });
  it('counts anonymous calls per IP (login)', async () => {
    // The installation admin's reset above opened a fresh window for this address.
    for (let i = 0; i < 10; i++) await t.http.post('/api/auth/login').send({ username: 'nobody', password: 'wrong-password' }).expect(401);
    const refused = await t.http.post('/api/auth/login').send({ username: 'admin', password: 'admin-password-1' }).expect(429);
    expect(refused.body.error).toBe('Rate limit exceeded: 10 per 1 hour');
  });

});
