import { Client } from '@elastic/elasticsearch';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';

async function ingestToken(t: TestApp, auth = t.auth): Promise<string> {
  const res = await t.http.post('/api/tokens').set(auth).send({ name: 'shipper', scope: 'ingest' }).expect(201);
  return res.body.token as string;
}

async function search(t: TestApp, q: string, auth = t.auth) {
  return (await t.http.post('/api/search').set(auth).send({ q, per_page: 100, sort: 'asc' }).expect(200)).body;
}

describe('Elasticsearch bulk API under /es (e2e, official client)', () => {
  let t: TestApp;
  let base: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/es`;
    token = await ingestToken(t);
  });
  afterAll(() => t.close());

  it('takes helpers.bulk from @elastic/elasticsearch 8 with an ingest token, index naming the service', async () => {
    const client = new Client({ node: base, auth: { bearer: token } });
    const info = await client.info();
    expect(info.version.number).toMatch(/^8\./);
    const docs = Array.from({ length: 500 }, (_, i) => ({
      '@timestamp': new Date(Date.parse('2026-11-30T10:00:00Z') + i).toISOString(),
      message: `bulk esclientword ${i}`,
      'log.level': i % 50 === 0 ? 'error' : 'info',
      'host.name': 'web-1',
      seq: i,
    }));
    const stats = await client.helpers.bulk({ datasource: docs, onDocument: () => ({ index: { _index: 'checkout' } }), flushBytes: 20_000 });
    expect(stats).toMatchObject({ total: 500, successful: 500, failed: 0 });
    const found = await search(t, 'esclientword');
    expect(found.total).toBe(500);
    expect(found.results[0]).toMatchObject({ service: 'checkout', server: 'web-1', level: 'ERROR', fields: { _index: 'checkout', seq: '0' } });
    expect((await search(t, 'esclientword level:ERROR')).total).toBe(10);
    await client.close();
  });

  it('answers per item in Elasticsearch shape: bad documents and unsupported actions fail alone', async () => {
    const body = [
      '{"index":{"_index":"logs-nginx-prod"}}', '{"message":"itemword one"}',
      '{"create":{"_index":"logs-nginx-prod","_id":"abc"}}', '{"message":"itemword two"}',
      '{"index":{}}', '{not json',
      '{"delete":{"_id":"x"}}',
      '{"update":{"_id":"y"}}', '{"doc":{"a":1}}',
      '{"index":{}}', '"a string"',
      '{"index":{}}', '{"message":"itemword three"}',
      '',
    ].join('\n');
    const res = await t.http.post('/es/fallback/_bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    expect(res.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(res.body.errors).toBe(true);
    const items = res.body.items as Record<string, { status: number; _index: string; _id: string; error?: { type: string } }>[];
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['index', 'create', 'index', 'delete', 'update', 'index', 'index']);
    expect(items.map((i) => Object.values(i)[0].status)).toEqual([201, 201, 400, 400, 400, 400, 201]);
    expect(items[1].create._id).toBe('abc');
    expect(items[2].index).toMatchObject({ _index: 'fallback', error: { type: 'document_parsing_exception' } });
    expect(items[0].index._id).toEqual(expect.any(String));
    const stored = await search(t, 'itemword');
    expect(stored.total).toBe(3);
    expect(stored.results[0]).toMatchObject({ service: 'nginx', environment: 'prod' });
    expect(stored.results[1].fields).toMatchObject({ _id: 'abc' });
    expect(stored.results[2]).toMatchObject({ service: 'fallback' });
  });

  it('takes gzip bodies, single documents, and the setup calls shippers make first', async () => {
    const gz = gzipSync(Buffer.from('{"index":{"_index":"gz"}}\n{"message":"gzipword"}\n'));
    await t.http.post('/es/_bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').set('Content-Encoding', 'gzip').send(gz).expect(200);
    const doc = await t.http.put('/es/orders/_doc/o-1').set(t.auth).set('Content-Type', 'application/json').send('{\n  "message": "docword"\n}').expect(201);
    expect(doc.body).toMatchObject({ _index: 'orders', _id: 'o-1', result: 'created' });
    await t.http.post('/es/orders/_doc').set(t.auth).set('Content-Type', 'application/json').send('{"message":"docword two"}').expect(201);
    const bad = await t.http.post('/es/orders/_doc').set(t.auth).set('Content-Type', 'application/json').send('{oops').expect(400);
    expect(bad.body.error.type).toBe('document_parsing_exception');
    expect((await search(t, 'gzipword')).total).toBe(1);
    expect((await search(t, 'docword')).total).toBe(2);

    const root = await t.http.get('/es/').set(t.auth).expect(200);
    expect(root.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(root.body.version.number).toMatch(/^8\./);
    await t.http.head('/es/').set(t.auth).expect(200);
    expect((await t.http.get('/es/_license').set(t.auth).expect(200)).body.license.status).toBe('active');
    expect((await t.http.get('/es/_cluster/health').set(t.auth).expect(200)).body.status).toBe('green');
    await t.http.head('/es/_index_template/logstash').set(t.auth).expect(200);
    expect((await t.http.put('/es/_index_template/logstash').set(t.auth).send({ index_patterns: ['x'] }).expect(200)).body).toEqual({ acknowledged: true });
    expect((await t.http.put('/es/_ilm/policy/logstash-policy').set(t.auth).send({}).expect(200)).body).toEqual({ acknowledged: true });
    await t.http.put('/es/my-index').set(t.auth).send({}).expect(200);
  });

  it('refuses a malformed action line as a whole, like Elasticsearch', async () => {
    const res = await t.http.post('/es/_bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send('{"index":{}\n{"message":"x"}\n').expect(400);
    expect(res.body.error).toMatchObject({ type: 'illegal_argument_exception', reason: expect.stringContaining('line [1]') });
    await t.http.post('/es/_bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send('{"index":{"_index":"a"}}\n').expect(400);
  });

  it('authenticates by Bearer, ApiKey or Basic with the token as password; writes into the token tenant only', async () => {
    const other = await ingestToken(t, await t.userIn('acme', 'acme-member'));
    const line = (word: string) => `{"index":{"_index":"auth"}}\n{"message":"${word}"}\n`;
    const send = (authorization: string | null, word: string) => {
      const req = t.http.post('/es/_bulk').set('Content-Type', 'application/x-ndjson');
      if (authorization) req.set('Authorization', authorization);
      return req.send(line(word));
    };
    await send(null, 'anonword').expect(401);
    await send('Bearer lgn_forged', 'anonword').expect(401);
    await send(`ApiKey ${other}`, 'acmeword').expect(200);
    await send(`ApiKey ${Buffer.from(`key-id:${other}`).toString('base64')}`, 'acmeword').expect(200);
    await send(`Basic ${Buffer.from(`elastic:${other}`).toString('base64')}`, 'acmeword').expect(200);
    await send(`Basic ${Buffer.from('elastic:not-a-token').toString('base64')}`, 'acmeword').expect(401);
    const readToken = (await t.http.post('/api/tokens').set(t.auth).send({ name: 'reader', scope: 'read' }).expect(201)).body.token;
    await send(`Bearer ${readToken}`, 'readword').expect(403);

    const acme = await t.http.post('/api/auth/login').send({ username: 'acme-member', password: 'user-password-1' }).expect(200);
    expect((await search(t, 'acmeword', { Authorization: `Bearer ${acme.body.token}` })).total).toBe(3);
    expect((await search(t, 'acmeword')).total).toBe(0);
    expect((await search(t, 'anonword')).total).toBe(0);

    const client = new Client({ node: base, auth: { apiKey: other } });
    await client.bulk({ operations: [{ index: { _index: 'x' } }, { message: 'acmeword client' }] });
    await client.close();
    expect((await search(t, 'acmeword', { Authorization: `Bearer ${acme.body.token}` })).total).toBe(4);
  });

  it('counts the es-bulk input in GET /api/inputs (admin only)', async () => {
    const res = await t.http.get('/api/inputs').set(t.auth).expect(200);
    const es = res.body.inputs.find((i: { name: string }) => i.name === 'es-bulk');
    expect(es).toMatchObject({ enabled: true, address: '/es' });
    expect(es.accepted).toBeGreaterThanOrEqual(506);
    expect(es.rejectReasons).toMatchObject({ 'invalid JSON': 1, action_request_validation_exception: 2, 'line is not a JSON object': 1 });
    const member = await t.userIn('default', 'plain-member');
    await t.http.get('/api/inputs').set(member).expect(403);
  });
});
