import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { AlertEvaluationRunner } from '../../src/alerts/scheduler/alert-evaluation-runner';
import { API_PATH } from '../../src/openapi/openapi-document';
import { ADMIN_PASSWORD, ndjson, startTestApp, TestApp } from '../support/test-app';
import { operationsOf, OpenApiValidator } from '../support/openapi-validator';
import { registeredRoutes } from '../support/registered-routes';

type Auth = Record<string, string>;
interface CallOptions {
  auth?: Auth;
  body?: string | object;
  type?: string;
  agent?: ReturnType<typeof request.agent>;
}

/** Routes served beside the API that the document does not describe: itself and Swagger UI. */
const SELF = /^\/api\/(openapi\.json|docs)/;

jest.setTimeout(120_000);

describe('OpenAPI document at /api/openapi.json, Swagger UI at /api/docs (e2e)', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let validator: OpenApiValidator;

  /** One real call, its answer checked against the document. */
  const call = async (method: string, url: string, o: CallOptions = {}) => {
    const client = (o.agent ?? t.http) as unknown as Record<string, (u: string) => request.Test>;
    let req = client[method.toLowerCase()](url).set(o.auth ?? t.auth);
    if (o.type) req = req.set('Content-Type', o.type);
    if (o.body !== undefined) req = req.send(o.body);
    const res = method === 'head' ? await req : await req.buffer(true);
    validator.check(method, url, res.status, res.headers['content-type'] as string | undefined, res.body);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_ALERT_DELAY: '0s' } });
    doc = (await t.http.get('/api/openapi.json').expect(200).expect('Content-Type', /json/)).body as OpenAPIObject;
    validator = new OpenApiValidator(doc);
  });
  afterAll(() => t.close());

  it('is public OpenAPI 3 and documents every API route, and only those', async () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    await request(t.app.getHttpServer()).get('/api/openapi.json').expect(200);
    const documented = operationsOf(doc).map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    const registered = registeredRoutes(t.app)
      .filter((r) => API_PATH.test(r.path) && !SELF.test(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const unique = [...new Set(registered)].sort();
    expect(unique.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((d) => !unique.includes(d))).toEqual([]);
    expect(documented.length).toBeGreaterThan(140);
  });

  it('describes each operation: summary, success schema, path parameters, security from its access', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operationsOf(doc)) {
      const label = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) problems.push(`${label}: no summary (add @ApiDoc above its route decorator)`);
      const statuses = Object.keys(operation.responses);
      const success = statuses.filter((s) => /^2/.test(s));
      if (success.length === 0 && !statuses.includes('405')) problems.push(`${label}: no success response`);
      for (const s of success) {
        const content = (operation.responses[s] as { content?: Record<string, { schema?: unknown }> }).content ?? {};
        if (!Object.values(content).some((c) => c.schema)) problems.push(`${label}: ${s} has no schema`);
      }
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        if (!(operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path' && `{${p.name}}` === name)) problems.push(`${label}: path parameter ${name} undeclared`);
      }
      const access = (operation as unknown as Record<string, string>)['x-lognest-access'];
      if (!access) problems.push(`${label}: no access kind`);
      if (access !== 'public' && access !== 'metrics' && !statuses.includes('401')) problems.push(`${label}: no 401`);
      if (access === 'public' && (operation.security ?? []).length > 0) problems.push(`${label}: public but requires security`);
    }
    expect(problems).toEqual([]);
    expect(doc.paths['/api/search'].post?.requestBody).toBeDefined();
    expect(doc.paths['/api/logs/search'].get?.parameters?.map((p) => ('name' in p ? p.name : ''))).toEqual(expect.arrayContaining(['q', 'level', 'page', 'per_page', 'date_from']));
    expect(doc.paths['/api/health'].get?.security).toEqual([]);
    expect(doc.paths['/api/admin/tenants'].get?.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(doc.components?.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie' } });
  });

  it('serves Swagger UI from local files only', async () => {
    const page = await t.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
    const urls = [...page.text.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(2);
    expect(urls.filter((u) => /^(https?:)?\/\//.test(u))).toEqual([]);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-standalone-preset.js', 'swagger-ui-init.js']) {
      const res = await t.http.get(`/api/docs/${asset}`).expect(200);
      expect(res.text.length).toBeGreaterThan(100);
    }
    const init = await t.http.get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"validatorUrl": null');
    await t.http.get('/docs').expect(301).expect('Location', '/api/docs');
  });

  it('validates real answers of every route against the document', async () => {
    const viewer = await t.userIn('default', 'oa-viewer', 'viewer');
    const now = Date.now();
    const fresh = ndjson(60, 'openapi', (i) => ({ timestamp: new Date(now - 120_000 + i * 1000).toISOString(), trace: `t${i % 3}` }));

    // Ingest, every way in.
    await call('post', '/api/logs/bulk', { body: fresh, type: 'application/x-ndjson' });
    await call('post', '/api/logs/bulk', { body: 'not json\n{"message":"x"}', type: 'application/x-ndjson' });
    await call('post', '/api/logs', { body: { message: 'one record', level: 'error', service: 'api' } });
    await call('post', '/es/_bulk', { body: '{"index":{"_index":"logs-app-prod"}}\n{"message":"from es","@timestamp":"2026-11-20T10:00:00Z"}\n', type: 'application/x-ndjson' });
    await call('put', '/es/_bulk', { body: '{"create":{}}\n{"message":"es put"}\n', type: 'application/x-ndjson' });
    await call('post', '/es/filebeat/_bulk', { body: '{"index":{}}\n{"message":"es index"}\n', type: 'application/x-ndjson' });
    await call('put', '/es/filebeat/_bulk', { body: '{"index":{}}\n{"message":"es index put"}\n', type: 'application/x-ndjson' });
    await call('post', '/es/filebeat/_doc', { body: { message: 'es doc' } });
    for (const kind of ['_doc', '_create']) {
      await call('post', `/es/filebeat/${kind}/d-${kind}-1`, { body: { message: 'es doc with id' } });
      await call('put', `/es/filebeat/${kind}/d-${kind}-2`, { body: { message: 'es doc put' } });
      await call('get', `/es/filebeat/${kind}/d1`);
      await call('delete', `/es/filebeat/${kind}/d1`);
    }
    for (const setup of ['_index_template', '_template', '_component_template', '_ilm/policy', '_data_stream', '_ingest/pipeline', '_alias']) {
      for (const method of ['get', 'head', 'put', 'post', 'delete']) await call(method, `/es/${setup}/lognest`, method === 'put' || method === 'post' ? { body: {} } : {});
    }
    await call('put', '/es/new-index', { body: {} });
    for (const path of ['/es', '/es/_license', '/es/_cluster/health']) await call('get', path);
    await call('post', '/v1/logs', { body: { resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: String(now * 1e6), severityText: 'INFO', body: { stringValue: 'otlp' } }] }] }] } });
    await call('post', '/v1/logs', { body: 'x', type: 'text/plain' });
    const upload = await t.http.post('/api/upload').set(t.auth).attach('file', Buffer.from(ndjson(5, 'uploaded')), 'app.ndjson').field('service', 'web');
    validator.check('post', '/api/upload', upload.status, upload.headers['content-type'], upload.body);
    await t.filesIdle();
    const fileId = upload.body.file_id as string;

    // Reads.
    const search = await call('post', '/api/search', { body: { q: 'openapi', per_page: 5 } });
    const recordId = search.body.results[0].id as string;
    for (const url of [
      '/api/logs/search?q=openapi&level=ERROR,INFO', '/api/logs/recent?limit=3', `/api/logs/${recordId}`, `/api/logs/${recordId}/context?before=2&after=2`, '/api/logs/nope',
      '/api/autocomplete/endpoints?q=/api', '/api/autocomplete/messages?q=req', '/api/autocomplete/values?field=service', '/api/fields?top=3', '/api/autocomplete/values',
      '/api/stats', '/api/stats?date_from=now-1h', '/api/charts/logs_per_hour', '/api/charts/top_endpoints', '/api/charts/status_distribution', '/api/charts/error_rate', '/api/charts/levels',
      '/api/metrics/overview', '/api/metrics/timeseries?interval=1m&date_from=now-1h',
      '/api/metrics/aggregate?stat=unique_count&field=user_id', '/api/metrics/aggregate?stat=p95&field=response_time_ms&group_by=service&interval=1h', '/api/metrics/service/api', '/api/metrics/system',
      '/api/health', '/api/performance', '/api/cache/stats', '/api/trace/context', '/api/inputs', '/api/files', `/api/files/${fileId}`, '/api/files/none',
      '/api/anomaly/detect/log-volume', '/api/anomaly/detect/error-rate', '/api/anomaly/detect/latency', '/api/anomaly/report', '/api/anomaly/series?metric=error_rate',
      '/api/patterns?q=openapi', '/api/search/history', '/api/search/popular', '/api/user/current', '/api/csrf', '/api/rate-limits/status',
      '/api/admin/tenants', '/api/admin/users', '/api/admin/settings', '/api/admin/retention', '/api/stats?level=nope',
    ]) await call('get', url);
    const patterns = await call('get', '/api/patterns?q=openapi');
    await call('get', `/api/patterns/${patterns.body.patterns[0].pattern_id as string}?q=openapi`);
    await call('get', '/metrics');
    await call('get', '/metrics', { auth: viewer });
    await call('get', '/api/admin/tenants', { auth: viewer });
    await call('get', '/api/stats', { auth: {} });
    const csv = await call('post', '/api/export', { body: { q: 'openapi', format: 'csv' } });
    expect(csv.text.split('\n')[0]).toContain('message');
    await call('post', '/api/export?format=ndjson', { body: { q: 'openapi' } });
    await call('post', '/api/export', { body: { q: 'openapi', gzip: true } });
    await new Promise<void>((resolve, reject) => {
      // The SSE tail stays open: read the first bytes, then hang up.
      const req = t.http.get('/api/logs/tail?q=openapi').set(t.auth).buffer(false).parse((res, done) => {
        validator.check('get', '/api/logs/tail', res.statusCode!, res.headers['content-type'], undefined);
        res.once('data', () => { (res as unknown as { destroy(): void }).destroy(); done(null, null); });
      });
      req.then(() => resolve(), (err: Error) => (/aborted|socket hang up|ECONNRESET/.test(err.message) ? resolve() : reject(err)));
    });

    // Accounts and tokens.
    await call('post', '/api/auth/login', { auth: {}, body: { username: 'admin', password: ADMIN_PASSWORD } });
    await call('post', '/api/auth/login', { auth: {}, body: { username: 'admin', password: 'wrong-password' } });
    await call('put', '/api/admin/settings', { body: { open_registration: true } });
    await call('post', '/api/register', { auth: {}, body: { username: 'oa-new', password: 'new-password-1', email: 'oa@example.com' } });
    await call('post', '/api/register', { auth: {}, body: { username: 'oa-new', password: 'new-password-1', email: 'oa2@example.com' } });
    const agent = request.agent(t.app.getHttpServer());
    const login = await call('post', '/api/login', { agent, auth: {}, body: { username: 'oa-new', password: 'new-password-1' } });
    const session = { 'X-CSRF-Token': login.body.csrf_token as string };
    await call('put', '/api/user/profile', { agent, auth: session, body: { full_name: 'Open Api' } });
    await call('put', '/api/user/password', { agent, auth: session, body: { current_password: 'new-password-1', new_password: 'new-password-2' } });
    await call('post', '/api/logout', { agent, auth: session });
    const token = await call('post', '/api/tokens', { body: { name: 'ci', scope: 'read' } });
    await call('get', '/api/tokens');
    await call('delete', `/api/tokens/${token.body.id as string}`);
    const scratch = (await call('post', '/api/auth/login', { auth: {}, body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token as string;
    await call('post', '/api/logout', { auth: { Authorization: `Bearer ${scratch}` } });

    // Saved searches and history.
    const saved = await call('post', '/api/search/save', { body: { name: 'openapi errors', filters: { q: 'openapi', level: 'ERROR' } } });
    const savedId = saved.body.search_id as string;
    await call('get', '/api/search/saved');
    await call('put', `/api/search/saved/${savedId}`, { body: { description: 'described' } });
    await call('post', `/api/search/saved/${savedId}/use`);
    await call('delete', `/api/search/saved/${savedId}`);
    await call('delete', '/api/search/history');

    // Alerting: a channel, a rule that fires at once, its alert acknowledged and resolved.
    const channel = await call('post', '/api/alerts/channels', { body: { name: 'console', type: 'console', config: {} } });
    const channelId = channel.body.channel.id as string;
    await call('get', '/api/alerts/channels');
    await call('get', `/api/alerts/channels/${channelId}`);
    await call('put', `/api/alerts/channels/${channelId}`, { body: { name: 'console 2', type: 'console', config: {} } });
    await call('post', `/api/alerts/channels/${channelId}/test`);
    const ruleBody = { name: 'openapi errors', query: 'openapi', aggregation: { type: 'count' }, condition: { operator: '>', threshold: 0, window: '10m' }, for: '0s', channels: [channelId] };
    await call('post', '/api/alerts/rules/preview', { body: ruleBody });
    const rule = await call('post', '/api/alerts/rules', { body: ruleBody });
    const ruleId = rule.body.rule.id as string;
    await call('post', '/api/alerts/rules', { body: { name: 'seed 002 shape', condition: 'greater_than', threshold: 5, time_window: 5, is_active: false } });
    await call('put', `/api/alerts/rules/${ruleId}`, { body: { severity: 'critical' } });
    await call('post', `/api/alerts/rules/${ruleId}/test`);
    await t.app.get(AlertEvaluationRunner).evaluateTenant('default');
    await call('get', '/api/alerts/rules');
    await call('get', `/api/alerts/rules/${ruleId}`);
    const triggered = await call('get', `/api/alerts/triggered?rule_id=${ruleId}`);
    const alertId = triggered.body.alerts[0].id as string;
    await call('get', `/api/alerts/triggered/${alertId}`);
    await call('post', `/api/alerts/triggered/${alertId}/acknowledge`, { body: { note: 'looking' } });
    await call('post', `/api/alerts/triggered/${alertId}/resolve`, { body: { note: 'fixed' } });
    await call('post', `/api/alerts/triggered/${alertId}/resolve`, { body: {} });
    await call('get', `/api/alerts/history?rule_id=${ruleId}`);
    const silence = await call('post', '/api/alerts/silences', { body: { matchers: { rule_id: ruleId }, ends_at: new Date(now + 3_600_000).toISOString(), comment: 'maintenance' } });
    await call('get', '/api/alerts/silences?active=true');
    await call('delete', `/api/alerts/silences/${silence.body.silence.id as string}`);
    await call('delete', `/api/alerts/rules/${ruleId}`);
    await call('delete', `/api/alerts/channels/${channelId}`);

    // Custom dashboards, a widget of each kind.
    const widgets = [
      { type: 'count_over_time', title: 'by level', query: 'openapi' }, { type: 'field_over_time', title: 'p95', field: 'response_time_ms', stat: 'p95' },
      { type: 'top_values', title: 'endpoints', field: 'endpoint' }, { type: 'pie', title: 'levels', field: 'level' },
      { type: 'number', title: 'errors', query: 'level:ERROR' }, { type: 'latest_records', title: 'latest', columns: ['@timestamp', 'message'] },
    ];
    const board = await call('post', '/api/dashboards', { body: { name: 'openapi board', shared: true, time_range: '1h', widgets } });
    const boardId = board.body.dashboard.id as string;
    await call('get', '/api/dashboards');
    await call('get', `/api/dashboards/${boardId}`);
    await call('put', `/api/dashboards/${boardId}`, { body: { description: 'described', version: 1 } });
    await call('put', `/api/dashboards/${boardId}`, { body: { description: 'stale', version: 1 } });
    await call('get', `/api/dashboards/${boardId}/data?range=6h`);
    await call('get', `/api/dashboards/${boardId}/widgets/${board.body.dashboard.widgets[0].id as string}/data`);
    await call('post', '/api/dashboards/widget-data', { body: { widget: widgets[1], time_range: '24h' } });
    const copy = await call('post', `/api/dashboards/${boardId}/copy`, { body: { name: 'my copy' } });
    await call('delete', `/api/dashboards/${copy.body.dashboard.id as string}`);
    await call('get', '/api/dashboards/none');

    // Parsing rules and previews; the same upload again is a documented 409.
    await call('get', '/api/parse/formats');
    await call('post', '/api/parse/preview', { body: { sample: '03-17 16:13:40.120  2227  2227 E Tag: x\n', format: 'logcat' } });
    await call('post', '/api/parse/preview', { body: { sample: 'x\n', pattern: '(' } });
    const parseRule = await call('post', '/api/parse/rules', { body: { name: 'oa-rule', format: 'klog', service: 'oa' } });
    await call('get', '/api/parse/rules');
    await call('get', `/api/parse/rules/${parseRule.body.rule.id as string}`);
    await call('put', `/api/parse/rules/${parseRule.body.rule.id as string}`, { body: { description: 'kube' } });
    await call('delete', `/api/parse/rules/${parseRule.body.rule.id as string}`);
    const again = await t.http.post('/api/upload').set(t.auth).attach('file', Buffer.from(ndjson(5, 'uploaded')), 'app.ndjson');
    validator.check('post', '/api/upload', again.status, again.headers['content-type'], again.body);
    expect(again.status).toBe(409);

    // Administration.
    const tenant = await call('post', '/api/admin/tenants', { body: { name: 'openapi-tenant' } });
    const tenantId = tenant.body.id as string;
    const user = await call('post', '/api/admin/users', { body: { username: 'oa-member', password: 'member-password-1', role: 'member', tenant_id: tenantId } });
    await call('put', `/api/admin/users/${user.body.id as string}`, { body: { role: 'viewer' } });
    await call('put', `/api/admin/tenants/${tenantId}`, { body: { retention_days: 30 } });
    await call('post', '/api/admin/retention/run');
    await call('delete', `/api/admin/tenants/${tenantId}`);
    await call('delete', '/api/cache/clear?pattern=metrics:*');
    await call('delete', '/api/rate-limits/reset/user:nobody');
    await call('delete', '/api/rate-limits/reset-all');
    await call('delete', `/api/files/${fileId}`);

    expect(validator.problems).toEqual([]);
    expect(validator.checked).toBeGreaterThan(150);
    // Every operation answered a documented success at least once (the ES document reads only ever answer 405).
    const missing = operationsOf(doc)
      .filter(({ operation }) => Object.keys(operation.responses).some((s) => /^2/.test(s)))
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
      .filter((op) => !validator.succeeded.has(op));
    expect(missing).toEqual([]);
  });
});
