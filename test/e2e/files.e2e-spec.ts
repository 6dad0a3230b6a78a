import * as fs from 'node:fs';
import * as path from 'node:path';
import { ndjson, startTestApp, TestApp, waitFor } from '../support/test-app';

async function fileStatus(t: TestApp, id: string) {
  const res = await t.http.get(`/api/files/${id}`).set(t.auth).expect(200);
  return res.body;
}

describe('files: upload and watched folder (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('uploads a file, processes it in the background and makes it searchable', async () => {
    const body = ndjson(1200, 'uploadword') + '\n{broken\n';
    const res = await t.http
      .post('/api/upload')
      .set(t.auth)
      .field('description', 'nightly batch')
      .field('service', 'batch')
      .attach('file', Buffer.from(body), 'batch.ndjson')
      .expect(201);
    expect(res.body).toMatchObject({ success: true, filename: 'batch.ndjson', status: 'pending', file_id: expect.any(String) });
    const id = res.body.file_id;
    const done = await waitFor(async () => {
      const f = await fileStatus(t, id);
      return f.status === 'completed' || f.status === 'failed' ? f : null;
    });
    expect(done).toMatchObject({
      status: 'completed', original_name: 'batch.ndjson', file_type: 'ndjson', accepted: 1200, rejected: 1, lines_total: 1201, progress: 100,
      uploaded_by: 'admin', description: 'nightly batch', size: Buffer.byteLength(body),
    });
    expect(done.errors).toEqual([{ line: 1201, reason: expect.any(String) }]);
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'uploadword', per_page: 1 }).expect(200);
    expect(found.body.total).toBe(1200);
    expect(found.body.results[0].file_id).toBe(id);

    const list = await t.http.get('/api/files').query({ page: 1, per_page: 10 }).set(t.auth).expect(200);
    expect(list.body.files.map((f: { id: string }) => f.id)).toContain(id);

    await t.http.delete(`/api/files/${id}`).set(t.auth).expect(200);
    await t.http.get(`/api/files/${id}`).set(t.auth).expect(404);
    const gone = await t.http.post('/api/search').set(t.auth).send({ q: 'uploadword' }).expect(200);
    expect(gone.body.total).toBe(0);
  });

  it('applies the upload labels and format', async () => {
    const csv = 'time,msg,lvl\n2026-11-20T01:02:03Z,labelword csv line,warn\n';
    const res = await t.http.post('/api/upload').set(t.auth).field('format', 'csv').field('service', 'billing').field('environment', 'staging')
      .attach('file', Buffer.from(csv), 'data.txt').expect(201);
    await waitFor(async () => (await fileStatus(t, res.body.file_id)).status === 'completed');
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'labelword' }).expect(200);
    expect(found.body.results[0]).toMatchObject({ service: 'billing', environment: 'staging', level: 'WARNING', '@timestamp': '2026-11-20T01:02:03.000Z' });
  });

  it('refuses an upload without a file or with a bad format', async () => {
    const missing = await t.http.post('/api/upload').set(t.auth).field('description', 'x').expect(400);
    expect(missing.body.field).toBe('file');
    const bad = await t.http.post('/api/upload').set(t.auth).field('format', 'xml').attach('file', Buffer.from('x'), 'a.xml').expect(400);
    expect(bad.body.field).toBe('format');
  });

  it('ingests a file dropped into the watched folder once, also across a restart', async () => {
    const dropped = path.join(t.uploadsDir, 'dropped.log');
    fs.writeFileSync(dropped, '2026-11-20T05:00:00Z ERROR watchword disk full\n2026-11-20T05:00:01Z INFO watchword recovered\n');
    const file = await waitFor(async () => {
      const list = await t.http.get('/api/files').set(t.auth).expect(200);
      const f = list.body.files.find((x: { original_name: string }) => x.original_name === 'dropped.log');
      return f && f.status === 'completed' ? f : null;
    });
    expect(file).toMatchObject({ source: 'watch', accepted: 2, uploaded_by: 'watched-folder', file_type: 'text' });

    await t.close(true);
    t = await startTestApp({ dir: t.dir });
    await new Promise((r) => setTimeout(r, 600));
    await t.filesIdle();
    const list = await t.http.get('/api/files').set(t.auth).expect(200);
    expect(list.body.files.filter((x: { original_name: string }) => x.original_name === 'dropped.log')).toHaveLength(1);
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'watchword' }).expect(200);
    expect(found.body.total).toBe(2);
  });
});
