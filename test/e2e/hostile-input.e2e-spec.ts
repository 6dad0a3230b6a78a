import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';

// Issue 14, items 4, 5, 8 and 9: bad input answered with a 4xx that says what was wrong,
// and the good records around it kept.
describe('hostile input (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const bulk = (body: string | Buffer, headers: Record<string, string> = {}) =>
    t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').set(headers).send(body);

  it('rejects a record nested 100,000 deep with its line number and keeps the lines around it', async () => {
    const deep = `{"message":"deep","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const body = ['{"message":"before nestword"}', deep, '{"message":"after nestword"}'].join('\n');
    const res = await bulk(body).expect(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1, errors: [{ line: 2, reason: expect.stringContaining('deeper than 64') }] });
    const one = await t.http.post('/api/logs').set(t.auth).send(`{"message":"deep","a":${'{"b":'.repeat(5000)}1${'}'.repeat(5000)}}`).set('Content-Type', 'application/json');
    expect(one.status).toBe(400);
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'nestword' }).expect(200)).body.total).toBe(2);
  });

  it('keeps every key addressable: an empty key does not break the field catalogue or search', async () => {
    await bulk(['{"message":"k emptykeyword","":"v"}', '{"message":"dots","a.b":"w","q\\"uote":"x","sl/ash":"y","til~de":"z","nul\\u0000key":"n","tab\\tkey\'s":"t"}'].join('\n')).expect(200);
    const fields = await t.http.get('/api/fields').set(t.auth).expect(200);
    const names = fields.body.fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['', 'a.b', 'q"uote', 'sl/ash', 'til~de']));
    const empty = fields.body.fields.find((f: { name: string }) => f.name === '');
    expect(empty.top_values ?? empty.topValues).toEqual([{ value: 'v', count: 1 }]);
    // A NUL in a key ended DuckDB's statement inside the quoted path: 500 (found by schemathesis).
    expect(fields.body.fields.find((f: { name: string }) => f.name === 'nul\u0000key')).toMatchObject({ count: 1, top_values: [{ value: 'n', count: 1 }] });
    expect(fields.body.fields.find((f: { name: string }) => f.name === "tab\tkey's")).toMatchObject({ count: 1, top_values: [{ value: 't', count: 1 }] });
    for (const [field, value] of [['sl/ash', 'y'], ['til~de', 'z'], ['a.b', 'w'], ['nul\u0000key', 'n']]) {
      const found = await t.http.post('/api/search').set(t.auth).send({ q: `${JSON.stringify(field)}:${value}` });
      expect([200, 400]).toContain(found.status);
      const values = await t.http.get('/api/autocomplete/values').query({ field, q: '' }).set(t.auth);
      expect(values.status).toBeLessThan(500);
    }
    await t.http.get('/api/autocomplete/values').query({ field: '', q: '' }).set(t.auth).expect((r) => expect(r.status).toBeLessThan(500));
  });

  it('answers body errors with 413, 415 and 400 and a message, never 500', async () => {
    // 300 MiB of spaces, 300 KiB compressed, over the 256 MiB ingest limit once inflated.
    // (300 gzip members of 1 MiB each: a gzip stream may hold several, and this is quick to make.)
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    const bomb = Buffer.concat(Array.from({ length: 300 }, () => member));
    const res413 = await bulk(bomb, { 'Content-Encoding': 'gzip' });
    expect(res413.status).toBe(413);
    expect(res413.body).toMatchObject({ success: false, message: expect.any(String) });
    const json = (encoding: string, body: Buffer) =>
      t.http.post('/api/search/save').set(t.auth).set('Content-Type', 'application/json').set('Content-Encoding', encoding)
        .serialize((raw: unknown) => raw as string) // superagent would JSON.stringify a Buffer
        .send(body);
    const over1MiB = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    expect((await json('gzip', zlib.gzipSync(over1MiB))).status).toBe(413);
    expect((await json('deflate', zlib.deflateSync(over1MiB))).status).toBe(413);
    expect((await t.http.post('/api/search').set(t.auth).set('Content-Type', 'application/json').send(over1MiB)).status).toBe(413);
    // The body parser inflates brotli as well as gzip and deflate; anything else is a 415.
    const br = await bulk(zlib.brotliCompressSync('{"message":"brotliword"}'), { 'Content-Encoding': 'br' });
    expect(br.body).toMatchObject({ accepted: 1 });
    const unknown = await bulk('{"message":"x"}', { 'Content-Encoding': 'compress' });
    expect(unknown.status).toBe(415);
    expect(unknown.body.message).toMatch(/encoding/i);
    const corrupt = await bulk(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), { 'Content-Encoding': 'gzip' });
    expect(corrupt.status).toBe(400);
    const badJson = await t.http.post('/api/search').set(t.auth).set('Content-Type', 'application/json').send('{"q": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ success: false, message: expect.any(String) });
  });

  it('answers 503 with Retry-After when the data directory cannot be written, and keeps nothing of it', async () => {
    // Tests run as root, who may write a read-only directory: a file where the spool folder
    // should be fails the same way.
    const spool = path.join(t.dir, 'data', 'spool');
    fs.rmSync(spool, { recursive: true, force: true });
    fs.writeFileSync(spool, 'not a folder');
    try {
      const res = await bulk('{"message":"unwritable storageword"}');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(JSON.stringify(res.body)).not.toContain(t.dir);
    } finally {
      fs.rmSync(spool, { force: true });
    }
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'storageword' }).expect(200)).body.total).toBe(0);
    await bulk('{"message":"writable again"}').expect(200);
  });

  it('bounds every paging parameter', async () => {
    for (const page of ['1e300', '9007199254740993', '-1', '1.5', 'abc', '0']) {
      const res = await t.http.get('/api/files').query({ page }).set(t.auth);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ field: 'page' });
    }
    await t.http.get('/api/files').query({ per_page: '1e300' }).set(t.auth).expect(400);
    await t.http.post('/api/search').set(t.auth).send({ page: 1e300 }).expect(400);
    await t.http.get('/api/logs/search').query({ page: '1e300' }).set(t.auth).expect(400);
    await t.http.get('/api/search/history').query({ limit: '1e300' }).set(t.auth).expect(400);
    await t.http.get('/api/files').query({ page: '1000000' }).set(t.auth).expect(200);
  });
});
