import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every registered route, read from Express's router (so a new route is fuzzed without
 * touching this file), gets a bounded set of malformed requests: no or bad credentials,
 * garbage path parameters and query strings, broken JSON, wrong types, huge numbers.
 * None may answer 5xx (issue 14). A 503 would be legitimate only under load; there is none.
 */
interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  name?: string;
  handle?: { stack?: Layer[] };
}

function registeredRoutes(t: TestApp): RouteInfo[] {
  const express = t.app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes: RouteInfo[] = [];
  const walk = (layers: Layer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            // An @All() route lists every verb Node knows (CONNECT, PROPFIND, …): fuzz the usual ones.
            if (on && FUZZED_METHODS.has(method)) routes.push({ method: method.toUpperCase(), path });
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(stack);
  const seen = new Set<string>();
  return routes.filter((r) => typeof r.path === 'string' && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
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
  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.userIn('fuzz', 'fuzz-viewer', 'viewer');
  });
  afterAll(() => t.close());

  it('finds the routes of every module', () => {
    const routes = registeredRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toEqual(expect.arrayContaining(['POST /api/search', 'GET /api/files/:id', 'PUT /api/admin/users/:id', 'GET /api/health']));
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
    for (const { method, path } of registeredRoutes(t)) {
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
      if (method === 'GET' || method === 'HEAD') continue;
      for (const { type, body } of BODIES) {
        await send(label(`${type} ${body.slice(0, 20)}`), () => call(url).set(t.auth).set('Content-Type', type).send(body));
      }
      await send(label('viewer, wrong types'), () => call(url).set(viewer).send(WRONG_TYPES));
    }
    expect(failures).toEqual([]);
    // Bounded: a few thousand requests at most, so the suite stays within seconds.
    expect(sent).toBeLessThan(3000);
  });
});
