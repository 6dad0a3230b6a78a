import { execFile } from 'node:child_process';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { ProtobufReader } from '../../src/ingest/inputs/otlp/protobuf-reader';
import { startTestApp, TestApp } from '../support/test-app';

async function search(t: TestApp, q: string, auth = t.auth) {
  return (await t.http.post('/api/search').set(auth).send({ q, per_page: 100, sort: 'asc' }).expect(200)).body;
}

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const EMITTER = path.join(__dirname, '..', 'support', 'otlp-emitter.cjs');

/** Runs the OpenTelemetry SDK with the given exporter in a child process (see otlp-emitter.cjs). */
function emit(kind: string, url: string, token: string, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [EMITTER, kind, url, token, word], { timeout: 30_000 }, (err, _out, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve()));
  });
}

describe('OTLP/HTTP logs input (e2e, OpenTelemetry SDK exporters)', () => {
  let t: TestApp;
  let url: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/v1/logs`;
    token = (await t.http.post('/api/tokens').set(t.auth).send({ name: 'otel', scope: 'ingest' }).expect(201)).body.token;
  });
  afterAll(() => t.close());

  it.each([
    ['json', 'jsonotelword'],
    ['proto', 'protootelword'],
    ['proto-gzip', 'gzotelword'],
  ])('maps resource, severity, body and attributes from the %s exporter', async (kind, word) => {
    await emit(kind, url, token, word);
    const found = await search(t, word);
    expect(found.total).toBe(3);
    // SimpleLogRecordProcessor sends each record on its own request: they may arrive in any order, within one millisecond.
    const byMessage = (start: string) => found.results.find((r: { message: string }) => r.message.startsWith(start));
    const [placed, failed, structured] = [byMessage('order placed'), byMessage('payment failed'), byMessage('{')];
    expect(placed).toMatchObject({
      service: 'checkout', server: 'pod-7', environment: 'staging', level: 'INFO', method: 'POST', message: `order placed ${word}`,
      fields: { order_id: 'o-1', 'resource.k8s.namespace.name': 'shop', 'otel.scope.name': 'orders', 'otel.scope.version': '1.2.3' },
    });
    expect(failed).toMatchObject({ level: 'ERROR', status_code: 502 });
    expect(structured).toMatchObject({ level: 'WARNING', message: JSON.stringify({ structured: word, n: 1 }) });
  });

  it('keeps trace and span ids and reports partial success in OTLP/JSON', async () => {
    const body = {
      resourceLogs: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
        scopeLogs: [{
          scope: { name: 's' },
          logRecords: [
            { timeUnixNano: '1764669600000000000', severityNumber: 17, body: { stringValue: 'traced rawotlpword' }, traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' },
          ],
        }],
      }, { scopeLogs: [{ logRecords: [{}] }] }],
    };
    const res = await t.http.post('/v1/logs').set(t.auth).set('Content-Type', 'application/json').send(JSON.stringify(body)).expect(200);
    expect(res.body).toEqual({ partialSuccess: { rejectedLogRecords: '1', errorMessage: expect.any(String) } });
    const found = await search(t, 'rawotlpword');
    expect(found.results[0]).toMatchObject({
      service: 'billing', level: 'ERROR', trace_id: '5b8efff798038103d269b633813fc60c', span_id: 'eee19b7ec3c1b174', '@timestamp': '2025-12-02T10:00:00.000Z',
    });
  });

  it('answers 400 with a Status for bad protobuf or JSON, 415 for other types, and checks the token', async () => {
    const bad = await t.http.post('/v1/logs').set(t.auth).set('Content-Type', 'application/x-protobuf').send(Buffer.from([0x0a, 0xff, 0x01, 0x02]))
      .buffer(true).parse(binary as never).expect(400);
    expect(bad.headers['content-type']).toContain('application/x-protobuf');
    const status = new ProtobufReader(bad.body as Buffer);
    expect(status.tag()).toEqual({ field: 1, wire: 0 });
    expect(status.varint()).toBe(3n);
    expect(status.tag()).toEqual({ field: 2, wire: 2 });
    expect(status.string()).toContain('invalid protobuf: truncated message');
    const badJson = await t.http.post('/v1/logs').set(t.auth).set('Content-Type', 'application/json').send('{"resourceLogs": [').expect(400);
    expect(badJson.body).toMatchObject({ code: 3, message: expect.stringContaining('invalid JSON') });
    await t.http.post('/v1/logs').set(t.auth).set('Content-Type', 'text/plain').send('x').expect(415);
    await t.http.post('/v1/logs').set('Content-Type', 'application/json').send('{}').expect(401);
    const reader = (await t.http.post('/api/tokens').set(t.auth).send({ name: 'r', scope: 'read' }).expect(201)).body.token;
    await t.http.post('/v1/logs').set('Authorization', `Bearer ${reader}`).set('Content-Type', 'application/json').send('{}').expect(403);

    const acme = await t.userIn('acme', 'acme-otel');
    const acmeBody = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'acmeotlpword' } }] }] }] };
    await t.http.post('/v1/logs').set(acme).set('Content-Type', 'application/json').send(JSON.stringify(acmeBody)).expect(200);
    expect((await search(t, 'acmeotlpword', acme)).total).toBe(1);
    expect((await search(t, 'acmeotlpword')).total).toBe(0);

    const input = (await t.http.get('/api/inputs').set(t.auth).expect(200)).body.inputs.find((i: { name: string }) => i.name === 'otlp');
    expect(input).toMatchObject({ enabled: true, address: '/v1/logs', rejectReasons: { 'invalid protobuf': 1, 'invalid JSON': 1, 'record is empty': 1 } });
    expect(input.accepted).toBeGreaterThanOrEqual(11);
  });
});
