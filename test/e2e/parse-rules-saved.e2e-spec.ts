import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

const NGINX_ERROR = '2024/12/10 06:55:46 [error] 1234#0: *5 savedword open() failed (2: No such file or directory)\n';

async function completed(t: TestApp, id: string, auth = t.auth) {
  return waitFor(async () => {
    const f = (await t.http.get(`/api/files/${id}`).set(auth).expect(200)).body;
    return f.status === 'completed' || f.status === 'failed' ? f : null;
  });
}

async function searchOne(t: TestApp, q: string) {
  const found = await t.http.post('/api/search').set(t.auth).send({ q }).expect(200);
  expect(found.body.total).toBe(1);
  return found.body.results[0];
}

describe('saved parsing rules, duplicate uploads, watched-folder services (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('saves, lists, changes and deletes rules per tenant; a bad pattern is a 400 with its position', async () => {
    const created = await t.http.post('/api/parse/rules').set(t.auth)
      .send({ name: 'kv', pattern: 'user=%{WORD:user} took=%{INT:took:int}', description: 'key values' }).expect(201);
    expect(created.body.rule).toMatchObject({ name: 'kv', pattern_type: 'grok', format: null, service: null, created_by: 'admin' });
    const id = created.body.rule.id;
    await t.http.post('/api/parse/rules').set(t.auth).send({ name: 'kv', format: 'klog' }).expect(409);
    const bad = await t.http.post('/api/parse/rules').set(t.auth).send({ name: 'bad', pattern: '(?P<x>a' , pattern_type: 'regex' }).expect(400);
    expect(bad.body).toMatchObject({ field: 'pattern', position: 0 });
    const changed = await t.http.put(`/api/parse/rules/${id}`).set(t.auth).send({ service: 'kvsvc', timestamp_format: 'epoch', pattern: '%{INT:ts} user=%{WORD:user}' }).expect(200);
    expect(changed.body.rule).toMatchObject({ name: 'kv', service: 'kvsvc', timestamp_format: 'epoch', description: 'key values' });
    expect((await t.http.get('/api/parse/rules').set(t.auth).expect(200)).body.rules.map((r: { name: string }) => r.name)).toEqual(['kv']);

    // Another tenant sees none of it.
    const other = await t.userIn('rules-other', 'rules-bob', 'admin');
    expect((await t.http.get('/api/parse/rules').set(other).expect(200)).body.rules).toEqual([]);
    await t.http.get(`/api/parse/rules/${id}`).set(other).expect(404);
    await t.http.put(`/api/parse/rules/${id}`).set(other).send({ name: 'mine' }).expect(404);
    await t.http.delete(`/api/parse/rules/${id}`).set(other).expect(404);
    await t.http.post('/api/parse/preview').set(other).send({ sample: 'x\n', rule: 'kv' }).expect(400);

    await t.http.delete(`/api/parse/rules/${id}`).set(t.auth).expect(200);
    await t.http.get(`/api/parse/rules/${id}`).set(t.auth).expect(404);
  });

  it('reads an upload with the rule named, or with the rule saved for its service', async () => {
    await t.http.post('/api/parse/rules').set(t.auth).send({ name: 'nginx errors', format: 'nginx_error', service: 'edge' }).expect(201);
    const byName = await t.http.post('/api/upload').set(t.auth).field('rule', 'nginx errors').attach('file', Buffer.from(NGINX_ERROR), 'error.log').expect(201);
    expect(await completed(t, byName.body.file_id)).toMatchObject({ accepted: 1, rule: { format: 'nginx_error' } });
    const byService = await t.http.post('/api/upload').set(t.auth).field('service', 'edge')
      .attach('file', Buffer.from(NGINX_ERROR.replace('savedword', 'servicedword')), 'error2.log').expect(201);
    await completed(t, byService.body.file_id);
    expect(await searchOne(t, 'servicedword')).toMatchObject({ service: 'edge', level: 'ERROR', '@timestamp': '2024-12-10T06:55:46.000Z', fields: { pid: '1234', connection: '5' } });
    const unknown = await t.http.post('/api/upload').set(t.auth).field('rule', 'nope').attach('file', Buffer.from('x\n'), 'x.log').expect(400);
    expect(unknown.body.field).toBe('rule');
  });

  it('answers the same upload again with 409 and the earlier file, and stores it twice only when asked', async () => {
    const body = Buffer.from('2026-11-20T05:00:00Z ERROR dupword disk full\n');
    const first = await t.http.post('/api/upload').set(t.auth).attach('file', body, 'first.log').expect(201);
    await completed(t, first.body.file_id);
    const again = await t.http.post('/api/upload').set(t.auth).attach('file', body, 'renamed.log').expect(409);
    expect(again.body).toMatchObject({ error: 'duplicate_file', duplicate_of: { id: first.body.file_id, original_name: 'first.log', accepted: 1 } });
    expect(again.body.message).toMatch(/allow_duplicate=true/);
    // Another tenant's identical file is not a duplicate.
    const other = await t.userIn('dup-other', 'dup-carol', 'admin');
    const elsewhere = await t.http.post('/api/upload').set(other).attach('file', body, 'first.log').expect(201);
    await completed(t, elsewhere.body.file_id, other);
    const twice = await t.http.post('/api/upload').set(t.auth).field('allow_duplicate', 'true').attach('file', body, 'renamed.log').expect(201);
    await completed(t, twice.body.file_id);
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'dupword' }).expect(200);
    expect(found.body.total).toBe(2);
    await t.http.post('/api/upload').set(t.auth).field('allow_duplicate', 'maybe').attach('file', body, 'x.log').expect(400);
  });

  it('gives watched files a service from their subfolder or name, and a rule from .lognest.json', async () => {
    await t.userIn('watchco', 'watch-dave', 'admin');
    const tenantDir = path.join(t.uploadsDir, 'watchco');
    fs.mkdirSync(path.join(tenantDir, 'payments'), { recursive: true });
    fs.writeFileSync(path.join(tenantDir, 'payments', 'app.log'), '2026-11-20T05:00:00Z INFO folderword charged\n');
    fs.writeFileSync(path.join(tenantDir, 'checkout-2026-11-20.log'), '2026-11-20T05:00:01Z INFO nameword paid\n');
    fs.mkdirSync(path.join(t.uploadsDir, 'phones'), { recursive: true });
    fs.writeFileSync(path.join(t.uploadsDir, 'phones', '.lognest.json'), JSON.stringify({ files: [{ match: '*.txt', service: 'android', rule: { format: 'logcat' } }] }));
    // `phones` names no tenant: ignored, config or not. The default tenant's own config:
    fs.writeFileSync(path.join(t.uploadsDir, '.lognest.json'), JSON.stringify({ files: [{ match: 'phone-*', service: 'android', rule: { format: 'logcat' } }] }));
    fs.writeFileSync(path.join(t.uploadsDir, 'phone-1.txt'), '03-17 16:13:40.120  2227  2227 E AndroidRuntime: configword crash\n');
    const dave = (await t.http.post('/api/auth/login').send({ username: 'watch-dave', password: 'user-password-1' }).expect(200)).body.token;
    const daveAuth = { Authorization: `Bearer ${dave}` };
    await waitFor(async () => {
      const list = (await t.http.get('/api/files').set(daveAuth).expect(200)).body.files;
      return list.length === 2 && list.every((f: { status: string }) => f.status === 'completed');
    });
    const folder = await t.http.post('/api/search').set(daveAuth).send({ q: 'folderword' }).expect(200);
    expect(folder.body.results[0]).toMatchObject({ service: 'payments', fields: { filename: 'app.log' } });
    const named = await t.http.post('/api/search').set(daveAuth).send({ q: 'nameword' }).expect(200);
    expect(named.body.results[0]).toMatchObject({ service: 'checkout' });
    await waitFor(async () => (await t.http.post('/api/search').set(t.auth).send({ q: 'configword' }).expect(200)).body.total === 1);
    expect(await searchOne(t, 'configword')).toMatchObject({ service: 'android', level: 'ERROR', fields: { tag: 'AndroidRuntime', filename: 'phone-1.txt' } });
  });
});
