import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { registeredRoutes } from '../support/registered-routes';
import { operationsOf } from '../support/openapi-validator';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every operation of the OpenAPI document (which openapi.e2e-spec holds equal to the routes
 * Express serves, so a new route is fuzzed without touching this file) gets a bounded set of
 * malformed requests: no or bad credentials, garbage path parameters and query strings,
 * broken JSON, wrong types for each documented parameter and body property, huge numbers.
 * None may answer 5xx (issue 14). A 503 would be legitimate only under load; there is none.
 */
interface SchemaLike {
  type?: string;
  properties?: Record<string, SchemaLike>;
}

/** A value of the wrong kind for a documented schema. */
function wrongFor(schema: SchemaLike | undefined): unknown[] {
  switch (schema?.type) {
    case 'integer':
    case 'number':
      return ['abc', 1e300, -1, 1.5];
    case 'boolean':
      return ['maybe', 2];
    case 'array':
      return ['x', { a: 1 }];
    case 'object':
      return [[], 'x'];
    default:
      return [{ nested: { deep: [1] } }, 'x'.repeat(5000), 12];
  }
}

const FUZZED_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const PARAM_VALUES = ['-1', '1e300', 'x'.repeat(2000), '%00%ff', '..%2f..%2fetc%2fpasswd', "'%20OR%201=1--"];
const JUNK_QUERY = {
  page: '1e300', per_page: '-5', page_size: 'NaN', limit: '99999999999999999999', before: '1.5', after: 'x',
  q: '((("unclosed', query: 'status_code:>=abc', field: '', interval: '0s', date_from: 'not-a-date', date_to: 'now-99999999y',
  level: ['ERROR', 'x'], format: 'exe', sort: 'sideways', service: '\u0000', token: 'x', next: '//evil.example',
};
const WRONG_TYPES = {
  q: 12, page: 'two', per_page: 1e300, size: -1, name: ['a'], username: { $ne: null }, password: 123456789,
  role: 'root', tenant_id: 42, disabled: 'maybe', scope: [], filters: 'x', open_registration: 'perhaps', format: {},
  message: { nested: true }, date_from: [], date_to: {}, sort: 1, gzip: 'yes', installation_admin: 'x', __proto__: { admin: true },
};
const BODIES: { type: string; body: string }[] = [
  { type: 'application/json', body: '{"q": ' },
  { type: 'application/json', body: JSON.stringify(WRONG_TYPES) },
  { type: 'application/json', body: '[1, "x", null]' },
  { type: 'application/json', body: `{"page": ${'9'.repeat(400)}, "per_page": 1e999, "n": -0}` },
  { type: 'application/x-www-form-urlencoded', body: 'page=1e300&q=%28&role[]=admin&a[b][c]=d' },
  { type: 'text/plain', body: '\u0000\u0001{not json' },
  { type: 'application/x-ndjson', body: '{"message":"x","":1}\n[[[[[[[[\n{"message":' },
];

jest.setTimeout(120_000);

describe('route fuzz: every route, malformed input, no 5xx (e2e)', () => {
  let t: TestApp;
  let viewer: { Authorization: string };
  let doc: OpenAPIObject;
  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.userIn('fuzz', 'fuzz-viewer', 'viewer');
    doc = (await t.http.get('/api/openapi.json').expect(200)).body as OpenAPIObject;
  });
  /** The document's operations, then the routes it does not describe (pages, Swagger UI's files). */
  const routes = () => {
    const documented = operationsOf(doc).map(({ method, path, operation }) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1'), operation }));
    const known = new Set(documented.map((r) => `${r.method} ${r.path}`));
    const others = registeredRoutes(t.app, FUZZED_METHODS).filter((r) => !known.has(`${r.method} ${r.path}`)).map((r) => ({ ...r, operation: { responses: {} } as OperationObject }));
    return [...documented, ...others];
  };
  afterAll(() => t.close());

  it('finds the routes of every module in the document', () => {
    const listed = routes().map((r) => `${r.method} ${r.path}`);
    expect(listed.length).toBeGreaterThan(150);
    expect(listed).toEqual(expect.arrayContaining(['GET /trace/:correlationId', 'GET /login']));
    expect(listed).toEqual(expect.arrayContaining(['POST /api/search', 'GET /api/files/:id', 'PUT /api/admin/users/:id', 'GET /api/health', 'DELETE /api/admin/tenants/:id']));
  });

  it('answers every malformed request with less than 500', async () => {
    const failures: string[] = [];
    let sent = 0;
    const send = async (label: string, make: () => import('supertest').Test) => {
      sent++;
      try {
        const res = await make().timeout(10_000);
        if (res.status >= 500) failures.push(`${res.status} ${label}: ${res.text.slice(0, 200)}`);
      } catch (err) {
        failures.push(`no answer ${label}: ${(err as Error).message}`);
      }
    };
    const bad = { Authorization: 'Bearer lgn_not-a-real-token' };
    for (const { method, path, operation } of routes()) {
      const call = (p: string) => (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method.toLowerCase()](p);
      const concrete = (value: string) => path.replace(/:(\w+)\??/g, value).replace(/\*\w*|\(\.\*\)/g, value);
      const url = concrete('01junkid00000000000000');
      const label = (what: string) => `${method} ${path} (${what})`;
      await send(label('no credentials'), () => call(url));
      await send(label('bad token'), () => call(url).set(bad));
      await send(label('odd Authorization'), () => call(url).set('Authorization', 'Basic !!!'));
      await send(label('junk query'), () => call(url).set(t.auth).query(JUNK_QUERY));
      for (const value of PARAM_VALUES.slice(0, path.includes(':') ? PARAM_VALUES.length : 0)) {
        await send(label(`param ${value.slice(0, 20)}`), () => call(concrete(value)).set(t.auth));
      }
      // Each documented query parameter with values of the wrong kind, the others absent.
      for (const p of operation.parameters ?? []) {
        if (!('in' in p) || p.in !== 'query') continue;
        const bad = wrongFor(p.schema as SchemaLike).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
        await send(label(`query ${p.name}`), () => call(url).set(t.auth).query({ [p.name]: bad }));
      }
      if (method === 'GET' || method === 'HEAD') continue;
      // Each documented body property with a value of the wrong kind.
      const content = (operation.requestBody as { content?: Record<string, { schema?: SchemaLike }> } | undefined)?.content;
      const properties = content?.['application/json']?.schema?.properties ?? {};
      for (const [name, schema] of Object.entries(properties)) {
        for (const value of wrongFor(schema).slice(0, 2)) await send(label(`body ${name}`), () => call(url).set(t.auth).send({ [name]: value }));
      }
      for (const { type, body } of BODIES) {
        await send(label(`${type} ${body.slice(0, 20)}`), () => call(url).set(t.auth).set('Content-Type', type).send(body));
      }
      await send(label('viewer, wrong types'), () => call(url).set(viewer).send(WRONG_TYPES));
    }
    expect(failures).toEqual([]);
    // Bounded: a few thousand requests at most, so the suite stays within seconds.
    expect(sent).toBeLessThan(5000);
  });
});
