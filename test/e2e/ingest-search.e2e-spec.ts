import { ndjson, startTestApp, TestApp } from '../support/test-app';

describe('ingest and search (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('takes an NDJSON bulk body and finds every record by word, filter and time range', async () => {
    const res = await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(250, 'alphaword')).expect(200);
    expect(res.body).toMatchObject({ success: true, accepted: 250, rejected: 0, errors: [] });

    const all = await t.http.post('/api/search').set(t.auth).send({ q: 'alphaword', per_page: 100 }).expect(200);
    expect(all.body).toMatchObject({ success: true, total: 250, page: 1, per_page: 100, total_pages: 3, has_next: true, has_prev: false });
    expect(all.body.results).toHaveLength(100);
    const times = all.body.results.map((r: { '@timestamp': string }) => r['@timestamp']);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.body.results[0]).toMatchObject({ service: 'api', fields: { seq: '249' } });

    const errors = await t.http.post('/api/search').set(t.auth).send({ q: 'alphaword', level: 'ERROR', status_code: '500' }).expect(200);
    expect(errors.body.total).toBe(25);

    const query = await t.http.post('/api/search').set(t.auth).send({ q: 'alphaword AND level:ERROR AND endpoint:"/api/items/0"' }).expect(200);
    expect(query.body.total).toBe(9);

    const ranged = await t.http
      .post('/api/search')
      .set(t.auth)
      .send({ q: 'alphaword', date_from: '2026-11-20T10:00:00Z', date_to: '2026-11-20T10:00:09Z', sort: 'asc' })
      .expect(200);
    expect(ranged.body.total).toBe(10);
    expect(ranged.body.results[0].message).toBe('request alphaword number 0');

    const extra = await t.http.get('/api/logs/search').query({ query: 'seq:42', page_size: 5 }).set(t.auth).expect(200);
    expect(extra.body.total).toBe(1);
    expect(extra.body.results[0].message).toBe('request alphaword number 42');
  });

  it('reports rejected lines with their numbers and keeps the rest', async () => {
    const body = ['{"message":"good one betaword","level":"info"}', '{not json', '', '[1,2]', '{"message":"good two betaword"}'].join('\n');
    const res = await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toBe(2);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([2, 4]);
    expect(res.body.errors[0].reason).toEqual(expect.any(String));
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'betaword' }).expect(200);
    expect(found.body.total).toBe(2);
  });

  it('takes CSV, JSON arrays and plain text lines', async () => {
    const csv = 'timestamp;level;message;endpoint\n2026-11-21T08:00:00Z;WARN;"csv gammaword; with ""quotes""\nand a newline";/api/csv\n2026-11-21T08:00:01Z;ERROR;csv gammaword two;/api/csv\n';
    const c = await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(c.body).toMatchObject({ accepted: 2, rejected: 0 });
    const j = await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/json')
      .send(JSON.stringify([{ msg: 'json gammaword', severity: 'warn' }, { msg: 'json gammaword 2', lvl: 'fatal' }])).expect(200);
    expect(j.body).toMatchObject({ accepted: 2, rejected: 0 });
    const text = '2026-11-21 09:00:00 ERROR text gammaword failed\n    at frame one\n    at frame two\n2026-11-21 09:00:01 INFO text gammaword ok\n';
    const x = await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'text/plain').send(text).expect(200);
    expect(x.body).toMatchObject({ accepted: 2, rejected: 0 });

    const res = await t.http.post('/api/search').set(t.auth).send({ q: 'gammaword', per_page: 50, sort: 'asc' }).expect(200);
    expect(res.body.total).toBe(6);
    const quoted = res.body.results.find((r: { endpoint: string; level: string }) => r.endpoint === '/api/csv' && r.level === 'WARNING');
    expect(quoted.message).toBe('csv gammaword; with "quotes"\nand a newline');
    const trace = res.body.results.find((r: { message: string }) => r.message.includes('text gammaword failed'));
    expect(trace.message).toContain('at frame two');
    expect(trace.level).toBe('ERROR');
    const levels = res.body.results.map((r: { level: string }) => r.level).sort();
    expect(levels).toEqual(['CRITICAL', 'ERROR', 'ERROR', 'INFO', 'WARNING', 'WARNING']);
  });

  it('answers a single record with 201 and its id, readable by id and with context', async () => {
    const res = await t.http.post('/api/logs').set(t.auth).send({ message: 'single deltaword', service: 'solo', host: 'h1', timestamp: '2026-11-22T00:00:00Z' }).expect(201);
    expect(res.body).toMatchObject({ success: true, accepted: 1, rejected: 0 });
    const [id] = res.body.ids;
    const one = await t.http.get(`/api/logs/${id}`).set(t.auth).expect(200);
    expect(one.body.result).toMatchObject({ id, message: 'single deltaword', service: 'solo', server: 'h1', '@timestamp': '2026-11-22T00:00:00.000Z' });
    await t.http.post('/api/logs').set(t.auth).send({ message: 'neighbour', service: 'solo', host: 'h1', timestamp: '2026-11-22T00:00:01Z' }).expect(201);
    await t.http.post('/api/logs').set(t.auth).send({ message: 'other host', service: 'solo', host: 'h2', timestamp: '2026-11-22T00:00:01Z' }).expect(201);
    const ctx = await t.http.get(`/api/logs/${id}/context`).query({ before: 5, after: 5 }).set(t.auth).expect(200);
    expect(ctx.body.after.map((r: { message: string }) => r.message)).toEqual(['neighbour']);
    await t.http.get('/api/logs/00000000000000000000zz').set(t.auth).expect(404);
  });

  it('rejects bad input with a clear error', async () => {
    const syntax = await t.http.post('/api/search').set(t.auth).send({ q: 'level:ERROR AND (service:api' }).expect(400);
    expect(syntax.body).toMatchObject({ success: false, error: 'query_syntax', position: expect.any(Number) });
    expect(syntax.body.message).toMatch(/position/);
    const regex = await t.http.post('/api/search').set(t.auth).send({ q: '/(unclosed/' }).expect(400);
    expect(regex.body).toMatchObject({ error: 'invalid_query', message: expect.stringContaining('missing )') });
    const perPage = await t.http.post('/api/search').set(t.auth).send({ per_page: 5000 }).expect(400);
    expect(perPage.body).toMatchObject({ field: 'per_page' });
    const date = await t.http.post('/api/search').set(t.auth).send({ date_from: 'last tuesday' }).expect(400);
    expect(date.body.field).toBe('date_from');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/xml').send('<x/>').expect(415);
    const notObject = await t.http.post('/api/logs').set(t.auth).set('Content-Type', 'application/json').send('[1]').expect(400);
    expect(notObject.body.field).toBe('body');
  });
});
