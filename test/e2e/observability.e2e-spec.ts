import * as fs from 'node:fs';
import * as path from 'node:path';
import { ndjson, startTestApp, TestApp } from '../support/test-app';

describe('request ids, access log and Prometheus metrics (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(`${ndjson(5, 'metricword')}\nnot json`).expect(200);
    await t.http.post('/api/search').set(t.auth).send({ q: 'metricword' }).expect(200);
    await t.http.post('/api/search').set(t.auth).send({ q: 'metricword' }).expect(200);
  });
  afterAll(() => t.close());

  it('answers every response with a generated request id, used as correlation id too', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-correlation-id']).toBe(res.headers['x-request-id']);
    const page = await t.http.get('/login').expect(200);
    expect(page.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes the caller's safe ids, replaces unsafe ones, and takes a traceparent", async () => {
    const res = await t.http
      .get('/api/trace/context')
      .set(t.auth)
      .set('X-Request-ID', 'req-123')
      .set('X-Correlation-ID', 'txn-42')
      .set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-correlation-id']).toBe('txn-42');
    expect(res.body).toMatchObject({ request_id: 'req-123', correlation_id: 'txn-42', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', parent_span_id: '00f067aa0ba902b7' });
    const unsafe = await t.http.get('/api/health').set('X-Request-ID', 'x'.repeat(129)).expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses /metrics without credentials and to non-admins; serves it to admins', async () => {
    await t.http.get('/metrics').expect(401);
    const member = await t.userIn('default', 'metrics-member');
    await t.http.get('/metrics').set(member).expect(403);
    // Metrics span every tenant: a tenant admin is not enough.
    await t.http.get('/metrics').set(await t.userIn('other', 'metrics-tenant-admin', 'admin')).expect(403);
    const res = await t.http.get('/metrics').set(t.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^http_requests_total\{method="POST",route="\/api\/search",status="200"\} [1-9]/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/api\/logs\/bulk".*\} \d/m);
    expect(text).toMatch(/^lognest_ingested_records_total\{input="http"\} 5$/m);
    expect(text).toMatch(/^lognest_rejected_records_total\{input="http"\} 1$/m);
    expect(text).toMatch(/^lognest_writer_queue_records 0$/m);
    expect(text).toMatch(/^lognest_writer_commit_duration_seconds_count [1-9]/m);
    expect(text).toMatch(/^lognest_log_store_query_duration_seconds_count\{store="duckdb",operation="search"\} [1-9]/m);
    expect(text).toMatch(/^cache_hits_total\{cache_key_prefix="logs:search"\} [1-9]/m);
    expect(text).toMatch(/^cache_misses_total\{cache_key_prefix="logs:search"\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('the Grafana dashboard in docs/ only charts metrics that /metrics exposes', async () => {
    const text = (await t.http.get('/metrics').set(t.auth).expect(200)).text;
    const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/grafana/lognest-dashboard.json'), 'utf8'));
    const names = new Set<string>();
    for (const panel of dashboard.panels) for (const target of panel.targets) for (const m of target.expr.matchAll(/\b([a-z]+_[a-z0-9_]+)\b(?!\s*\()/g)) names.add(m[1]);
    expect(names.size).toBeGreaterThanOrEqual(10);
    for (const name of names) expect(text).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
  });

  it('a metrics token reads /metrics and nothing else', async () => {
    const created = await t.http.post('/api/tokens').set(t.auth).send({ name: 'prometheus', scope: 'metrics' }).expect(201);
    const prometheus = { Authorization: `Bearer ${created.body.token}` };
    await t.http.get('/metrics').set(prometheus).expect(200);
    await t.http.post('/api/search').set(prometheus).send({ q: 'x' }).expect(403);
    const tenantAdmin = await t.userIn('default', 'token-tenant-admin', 'admin');
    await t.http.post('/api/tokens').set(tenantAdmin).send({ name: 'p', scope: 'metrics' }).expect(403);
  });
});

describe('LOGNEST_METRICS_PUBLIC and the access log (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];
  let restore: () => void;
  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    // Captured, not echoed: the app logs at info here and would flood the test output.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk).replace(/\x1b\[[0-9;]*m/g, ''));
      return true;
    }) as typeof process.stdout.write;
    restore = () => (process.stdout.write = write);
    t = await startTestApp({ env: { LOGNEST_METRICS_PUBLIC: 'true', LOGNEST_LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    restore();
    await t.close();
  });

  it('serves /metrics without credentials', async () => {
    await t.http.get('/metrics').expect(200);
  });

  it('writes one line per request with method, route, status, duration and both ids', async () => {
    await t.http.get('/api/logs/some-id').set(t.auth).set('X-Request-ID', 'line-req').set('X-Correlation-ID', 'line-corr').expect(404);
    const line = lines.find((l) => l.includes('request_id=line-req'));
    expect(line).toMatch(/\[HTTP\] \[request_id=line-req correlation_id=line-corr\] GET \/api\/logs\/:id 404 \d+\.\dms/);
    expect(lines.filter((l) => l.includes('request_id=line-req'))).toHaveLength(1);
  });
});
