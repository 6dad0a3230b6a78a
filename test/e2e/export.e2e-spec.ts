import { gunzipSync } from 'node:zlib';
import { Response } from 'supertest';
import { LogRecord } from '../../src/logs/log-record';
import { LogWriteStore } from '../../src/logs/log-write-store';
import { newId } from '../../src/platform/ids';
import { ndjson, startTestApp, TestApp } from '../support/test-app';

type Pending = ReturnType<ReturnType<TestApp['http']['post']>['set']>;

/** The raw body, whatever its type (undone only from transfer compression, never from a .gz file). */
const raw = (req: Pending) =>
  req.buffer(true).parse((res, done) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => done(null, Buffer.concat(parts)));
  });

const body = (res: Response) => (res.body as Buffer).toString('utf8');

const BASE = Date.parse('2026-11-20T10:00:00Z');

function record(tenantId: string, second: number, over: Partial<LogRecord>): LogRecord {
  return {
    id: newId(), timestamp: BASE + second * 1000, ingestedAt: BASE, tenantId, level: 'INFO', message: '', service: 'api',
    server: 'h1', environment: 'prod', logType: null, correlationId: null, traceId: null, spanId: null, userId: null,
    clientIp: null, method: 'GET', endpoint: '/x', statusCode: 200, responseTimeMs: 1, userAgent: null, sqlQuery: null,
    queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {}, ...over,
  };
}

const HEADER = "@timestamp,level,service,server,environment,method,endpoint,status_code,response_time_ms,user_id,client_ip,correlation_id,trace_id,message\r\n";

/** Newest first, as the export writes it by default. */
const EXPECTED_CSV = HEADER + [
  '2026-11-20T10:00:04.000Z,ERROR,api,h1,prod,GET,/x,500,-5,,,,,negative stays a number\r\n',
  "2026-11-20T10:00:03.000Z,WARNING,'+cmd,'-2+3,prod,GET,'@SUM(A1),200,1,'\tindented,,,,'=1+1\r\n",
  '2026-11-20T10:00:02.000Z,INFO,api,h1,prod,GET,/x,200,1,,,,,"says ""hi""\nsecond line"\r\n',
  '2026-11-20T10:00:01.000Z,INFO,api,h1,prod,GET,/x,200,1,,,,,"has, a comma"\r\n',
  '2026-11-20T10:00:00.000Z,INFO,api,h1,prod,POST,/api/users,201,12.5,user-1,10.0.0.1,corr-1,trace-1,plain message\r\n',
].join('');

describe('export (e2e)', () => {
  let t: TestApp;
  let csvco: { Authorization: string };
  let bulkco: { Authorization: string };
  let acme: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    csvco = await t.userIn('csvco', 'csv-user');
    bulkco = await t.userIn('bulkco', 'bulk-user');
    acme = await t.userIn('acme', 'u1');
    const tenant = 't-csvco';
    await t.app.get(LogWriteStore).append(tenant, [
      record(tenant, 0, { message: 'plain message', method: 'POST', endpoint: '/api/users', statusCode: 201, responseTimeMs: 12.5, userId: 'user-1', clientIp: '10.0.0.1', correlationId: 'corr-1', traceId: 'trace-1', fields: { extra: 'kept out of csv' } }),
      record(tenant, 1, { message: 'has, a comma' }),
      record(tenant, 2, { message: 'says "hi"\nsecond line' }),
      record(tenant, 3, { level: 'WARNING', message: '=1+1', service: '+cmd', server: '-2+3', endpoint: '@SUM(A1)', userId: '\tindented' }),
      record(tenant, 4, { level: 'ERROR', message: 'negative stays a number', statusCode: 500, responseTimeMs: -5 }),
    ]);
  });
  afterAll(() => t.close());

  it('writes every matching record as CSV: header, RFC 4180 quoting, formulas neutralised, numbers kept', async () => {
    const res = await raw(t.http.post('/api/export').set(csvco).send({})).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=logs_export_\d{8}_\d{6}\.csv$/);
    expect(body(res)).toBe(EXPECTED_CSV);
  });

  it('sends a .csv.gz that gunzips to the same CSV, not compressed a second time', async () => {
    const res = await raw(t.http.post('/api/export').set(csvco).set('Accept-Encoding', 'gzip').send({ gzip: true })).expect(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=logs_export_\d{8}_\d{6}\.csv\.gz$/);
    expect(gunzipSync(res.body as Buffer).toString('utf8')).toBe(EXPECTED_CSV);
  });

  it('takes format and gzip from the query string and a form-encoded body', async () => {
    const fromQuery = await raw(t.http.post('/api/export?format=ndjson&gzip=true').set(csvco).send({})).expect(200);
    expect(fromQuery.headers['content-disposition']).toMatch(/\.ndjson\.gz$/);
    expect(gunzipSync(fromQuery.body as Buffer).toString('utf8').trimEnd().split('\n')).toHaveLength(5);

    const form = await raw(t.http.post('/api/export').set(csvco).type('form').send('q=comma&format=csv&gzip=false&fields=level,message')).expect(200);
    expect(body(form)).toBe('level,message\r\nINFO,"has, a comma"\r\n');
  });

  it('writes NDJSON: one API record a line, extra fields included, oldest first when asked', async () => {
    const res = await raw(t.http.post('/api/export').set(csvco).send({ format: 'ndjson', sort: 'asc' })).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    expect(res.headers['content-disposition']).toMatch(/filename=logs_export_\d{8}_\d{6}\.ndjson$/);
    const lines = body(res).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.message)).toEqual(['plain message', 'has, a comma', 'says "hi"\nsecond line', '=1+1', 'negative stays a number']);
    expect(lines[0]).toMatchObject({ '@timestamp': '2026-11-20T10:00:00.000Z', user_id: 'user-1', fields: { extra: 'kept out of csv' } });
    expect(lines[4].response_time_ms).toBe(-5);
  });

  it('applies the search filters and time range', async () => {
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(ndjson(100, 'filterword')).expect(200);
    const errors = await raw(t.http.post('/api/export').set(t.auth).send({ q: 'filterword', level: 'ERROR', fields: ['level', 'status_code', 'seq'] })).expect(200);
    const rows = body(errors).trimEnd().split('\r\n');
    expect(rows[0]).toBe('level,status_code,seq');
    expect(rows.slice(1)).toEqual(Array.from({ length: 10 }, (_, i) => `ERROR,500,${90 - i * 10}`));

    const ranged = await raw(t.http.post('/api/export').set(t.auth)
      .send({ q: 'filterword', date_from: '2026-11-20T10:00:10Z', date_to: '2026-11-20T10:00:19Z', endpoint: '/api/items/1', fields: 'seq' })).expect(200);
    expect(body(ranged)).toBe('seq\r\n19\r\n16\r\n13\r\n10\r\n');
  });

  it('streams an export of 25,000 records complete and in order', async () => {
    const ingest = await t.http.post('/api/logs/bulk').set(bulkco).set('Content-Type', 'application/x-ndjson').send(ndjson(25_000, 'bulkword')).expect(200);
    expect(ingest.body.accepted).toBe(25_000);
    const res = await raw(t.http.post('/api/export').set(bulkco).send({ fields: 'seq,message' })).expect(200);
    const rows = body(res).trimEnd().split('\r\n');
    expect(rows).toHaveLength(25_001);
    expect(rows[1]).toBe('24999,request bulkword number 24999');
    const seqs = rows.slice(1).map((r) => Number(r.split(',')[0]));
    expect(seqs).toEqual(Array.from({ length: 25_000 }, (_, i) => 24_999 - i));

    const ndjsonGz = await raw(t.http.post('/api/export').set(bulkco).send({ format: 'ndjson', gzip: 'true' })).expect(200);
    expect(gunzipSync(ndjsonGz.body as Buffer).toString('utf8').trimEnd().split('\n')).toHaveLength(25_000);
  }, 60_000); // `npm test` runs unit and e2e together, where the e2e project's own testTimeout is not applied

  it('exports only the caller’s tenant', async () => {
    await t.http.post('/api/logs/bulk').set(acme).set('Content-Type', 'application/x-ndjson').send(ndjson(3, 'acmeonly')).expect(200);
    const own = await raw(t.http.post('/api/export').set(acme).send({ fields: 'message' })).expect(200);
    expect(body(own).trimEnd().split('\r\n')).toEqual(['message', 'request acmeonly number 2', 'request acmeonly number 1', 'request acmeonly number 0']);
    const other = await raw(t.http.post('/api/export').set(t.auth).send({ q: 'acmeonly', fields: 'message' })).expect(200);
    expect(body(other)).toBe('message\r\n');
    const csvOnly = await raw(t.http.post('/api/export').set(acme).send({ q: 'comma' })).expect(200);
    expect(body(csvOnly)).toBe(HEADER);
  });

  it('lets viewers export, and answers bad requests with a JSON 400 naming the problem', async () => {
    const viewer = await t.userIn('default', 'v1', 'viewer');
    await raw(t.http.post('/api/export').set(viewer).send({ q: 'filterword', fields: 'seq' })).expect(200);

    const format = await t.http.post('/api/export').set(t.auth).send({ format: 'xlsx' }).expect(400);
    expect(format.body).toMatchObject({ success: false, error: 'invalid_parameter', field: 'format' });
    expect((await t.http.post('/api/export?gzip=perhaps').set(t.auth).send({})).body.field).toBe('gzip');
    expect((await t.http.post('/api/export').set(t.auth).send({ level: 'LOUD' })).body.field).toBe('level');
    const syntax = await t.http.post('/api/export').set(t.auth).send({ q: 'status_code:>=' }).expect(400);
    expect(syntax.body).toMatchObject({ success: false, error: 'query_syntax' });
    await t.http.post('/api/export').send({}).expect(401);
  });
});
