import * as fs from 'node:fs';
import * as path from 'node:path';
import { ndjson, startTestApp, TestApp, waitFor } from '../support/test-app';

/** Every read path answers only from the caller's tenant. */
describe('tenant isolation (e2e)', () => {
  let t: TestApp;
  let acme: { Authorization: string };
  let globex: { Authorization: string };
  let acmeId: string;
  let acmeFileId: string;

  beforeAll(async () => {
    t = await startTestApp();
    acme = await t.userIn('acme', 'acme-user');
    globex = await t.userIn('globex', 'globex-user');
    await t.http.post('/api/logs/bulk').set(acme).set('Content-Type', 'application/x-ndjson')
      .send(ndjson(30, 'acmesecret', (i) => ({ endpoint: '/acme/only', user_id: `acme-u${i}`, service: 'acme-svc', correlation_id: 'acme-corr' }))).expect(200);
    await t.http.post('/api/logs/bulk').set(globex).set('Content-Type', 'application/x-ndjson').send(ndjson(5, 'globexword')).expect(200);
    const one = await t.http.post('/api/logs').set(acme).send({ message: 'acme single acmesecret' }).expect(201);
    acmeId = one.body.ids[0];
    const up = await t.http.post('/api/upload').set(acme).attach('file', Buffer.from(ndjson(3, 'acmefile')), 'acme.ndjson').expect(201);
    acmeFileId = up.body.file_id;
    await waitFor(async () => (await t.http.get(`/api/files/${acmeFileId}`).set(acme)).body.status === 'completed');
  });
  afterAll(() => t.close());

  it('search, by POST and GET, sees only its own tenant', async () => {
    expect((await t.http.post('/api/search').set(acme).send({ q: 'acmesecret' })).body.total).toBe(31);
    expect((await t.http.post('/api/search').set(globex).send({ q: 'acmesecret' })).body.total).toBe(0);
    expect((await t.http.post('/api/search').set(globex).send({})).body.total).toBe(5);
    expect((await t.http.get('/api/logs/search').query({ query: 'correlation_id:"acme-corr"' }).set(globex)).body.total).toBe(0);
  });

  it('a record of another tenant is a 404, with its context', async () => {
    await t.http.get(`/api/logs/${acmeId}`).set(acme).expect(200);
    const res = await t.http.get(`/api/logs/${acmeId}`).set(globex).expect(404);
    expect(JSON.stringify(res.body)).not.toContain('acmesecret');
    await t.http.get(`/api/logs/${acmeId}/context`).set(globex).expect(404);
  });

  it('stats, charts and metrics count only its own tenant', async () => {
    const stats = await t.http.get('/api/stats').set(globex).expect(200);
    expect(stats.body.total_logs).toBe(5);
    const top = await t.http.get('/api/charts/top_endpoints').set(globex).expect(200);
    expect(top.body.labels).not.toContain('/acme/only');
    const perHour = await t.http.get('/api/charts/logs_per_hour').query({ date_from: '2026-11-20T00:00:00Z', date_to: '2026-11-21T00:00:00Z' }).set(globex).expect(200);
    expect(perHour.body.data.reduce((a: number, b: number) => a + b, 0)).toBe(5);
    const status = await t.http.get('/api/charts/status_distribution').set(globex).expect(200);
    expect(status.body.data.reduce((a: number, b: number) => a + b, 0)).toBe(5);
    const errors = await t.http.get('/api/charts/error_rate').query({ date_from: '2026-11-14', date_to: '2026-11-21' }).set(globex).expect(200);
    expect(errors.body.total_errors).toBe(1);
    const overview = await t.http.get('/api/metrics/overview').set(globex).expect(200);
    expect(overview.body.total_logs).toBe(5);
    const series = await t.http.get('/api/metrics/timeseries').query({ interval: '1h', date_from: '2026-11-20T00:00:00Z', date_to: '2026-11-21T00:00:00Z' }).set(globex).expect(200);
    expect(series.body.buckets.reduce((n: number, b: { total: number }) => n + b.total, 0)).toBe(5);
  });

  it('autocomplete and fields suggest only its own values', async () => {
    expect((await t.http.get('/api/autocomplete/endpoints').query({ q: '/acme' }).set(globex)).body.endpoints).toEqual([]);
    expect((await t.http.get('/api/autocomplete/endpoints').query({ q: '/acme' }).set(acme)).body.endpoints).toEqual(['/acme/only']);
    expect((await t.http.get('/api/autocomplete/messages').query({ q: 'acmesecret' }).set(globex)).body.messages).toEqual([]);
    expect((await t.http.get('/api/autocomplete/values').query({ field: 'user_id', q: 'acme' }).set(globex)).body.values).toEqual([]);
    const fields = await t.http.get('/api/fields').set(globex).expect(200);
    expect(JSON.stringify(fields.body)).not.toContain('acme');
  });

  it('files are private to their tenant', async () => {
    await t.http.get(`/api/files/${acmeFileId}`).set(globex).expect(404);
    await t.http.delete(`/api/files/${acmeFileId}`).set(globex).expect(404);
    expect((await t.http.get('/api/files').set(globex)).body.files).toEqual([]);
    expect((await t.http.post('/api/search').set(acme).send({ q: 'acmefile' })).body.total).toBe(3);
  });

  it('a file in a tenant’s subfolder of the watched folder goes to that tenant only', async () => {
    fs.mkdirSync(path.join(t.uploadsDir, 'acme'), { recursive: true });
    fs.mkdirSync(path.join(t.uploadsDir, 'no-such-tenant'), { recursive: true });
    fs.writeFileSync(path.join(t.uploadsDir, 'acme', 'acme.log'), '2026-11-20T05:00:00Z ERROR folderword in acme\n');
    fs.writeFileSync(path.join(t.uploadsDir, 'no-such-tenant', 'lost.log'), '2026-11-20T05:00:00Z ERROR folderword nowhere\n');
    await waitFor(async () => (await t.http.post('/api/search').set(acme).send({ q: 'folderword' })).body.total === 1);
    const files = (await t.http.get('/api/files').set(acme)).body.files;
    expect(files.find((f: { original_name: string }) => f.original_name === 'acme.log')).toMatchObject({ source: 'watch', status: 'completed' });
    expect((await t.http.post('/api/search').set(globex).send({ q: 'folderword' })).body.total).toBe(0);
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'folderword' })).body.total).toBe(0);
  });
});
