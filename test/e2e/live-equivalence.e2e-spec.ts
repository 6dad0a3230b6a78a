import { QUERY_CASES } from '../../src/logs/log-store.contract';
import { LiveClient, listen, settle, until } from '../support/live-client';
import { startTestApp, TestApp } from '../support/test-app';

// The records of the log store contract's fixtures, as a client sends them: the query table
// of that contract then covers every operator of the language on this batch.
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const MIN = 60_000;
const at = (ms: number) => new Date(ms).toISOString();
const BATCH = [
  { timestamp: at(T0), level: 'ERROR', message: 'Connection timeout after 30s', service: 'auth', server: 'web-1', environment: 'prod',
    user_id: 'u1', method: 'GET', endpoint: '/api/users', status_code: 504, response_time_ms: 300, tags: ['prod', 'beta'],
    correlation_id: 'c-1', client_ip: '10.0.0.1', 'http.method': 'GET', duration: '120' },
  { timestamp: at(T0 + MIN), level: 'WARNING', message: 'Request timed out: TIMEOUT=5', service: 'payment', server: 'web-2', user_id: 'u2',
    endpoint: '/api/pay', status_code: 200, response_time_ms: 100, duration: '99' },
  { timestamp: at(T0 + 2 * MIN), level: 'DEBUG', message: 'cache hit for key 50%_off', service: 'auth', server: 'web-1', endpoint: '/api/items' },
  { timestamp: at(T0 + 3 * MIN), level: 'INFO', message: 'Café ÉCOLE naïve — connection  reset by peer', service: 'auth', server: 'web-1',
    user_id: 'u1', endpoint: '/api/users', status_code: 500, response_time_ms: 500, tags: ['prod'], 'http.method': 'POST' },
  { timestamp: at(T0 + 4 * MIN), level: 'CRITICAL', message: 'timeouts everywhere; time-out', service: 'web', server: 'web-3', status_code: 404,
    response_time_ms: 200, sql_query: 'SELECT 1', query_duration_ms: 12.5, tags: ['edge'], note: '100%' },
  { timestamp: at(T0 + 5 * MIN), level: 'TRACE', message: 'orphan line without service' },
  { timestamp: at(T0 + 60 * MIN), level: 'INFO', message: 'user login ok', service: 'auth', server: 'web-1', user_id: 'u3', endpoint: '/api/login',
    status_code: 200, response_time_ms: 50, 'http.method': 'GET' },
];

const byId = (records: Record<string, unknown>[]) => [...records].sort((x, y) => String(x.id).localeCompare(String(y.id)));

describe('live filter = search (e2e)', () => {
  let t: TestApp;
  let base: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it(`gives a subscriber exactly what search returns, for each of the ${QUERY_CASES.length} queries of the store contract`, async () => {
    const queries = QUERY_CASES.map(([q]) => q);
    const all = new LiveClient(base, { token: t.token });
    clients.push(all);
    await all.connected();
    await all.setFilters({});
    const live = await Promise.all(
      queries.map(async (query) => {
        const c = new LiveClient(base, { token: t.token });
        clients.push(c);
        await c.connected();
        expect((await c.setFilters({ query })).event).toBe('filters_set');
        return c;
      }),
    );
    // One commit for the whole batch, as the contract stores it.
    const body = BATCH.map((r) => JSON.stringify(r)).join('\n');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    await until(() => all.records.length === BATCH.length, 'the whole batch');
    await settle();

    let delivered = 0;
    for (const [i, query] of queries.entries()) {
      const search = await t.http.post('/api/search').set(t.auth).send({ q: query, per_page: 1000 }).expect(200);
      expect({ query, live: byId(live[i].records) }).toEqual({ query, live: byId(search.body.results) });
      delivered += live[i].records.length;
    }
    expect(delivered).toBeGreaterThan(150);
  });

  it('applies level, service, server and environment filters as search does', async () => {
    const filters = [
      { level: 'ERROR' }, { level: ['WARNING', 'CRITICAL'] }, { level: 'warn,error' }, { service: 'auth' }, { server: 'web-1', query: 'timeout' },
      { environment: 'prod' }, { service: 'nope' },
    ];
    const live = await Promise.all(
      filters.map(async (f) => {
        const c = new LiveClient(base, { token: t.token });
        clients.push(c);
        await c.connected();
        expect((await c.setFilters(f)).event).toBe('filters_set');
        return c;
      }),
    );
    const body = BATCH.map((r) => JSON.stringify({ ...r, message: `${r.message} second` })).join('\n');
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    await settle(500);
    for (const [i, f] of filters.entries()) {
      const { query, ...rest } = f as Record<string, unknown>;
      const search = await t.http.post('/api/search').set(t.auth).send({ ...rest, q: `second ${query ?? ''}`, per_page: 1000 }).expect(200);
      expect({ f, live: byId(live[i].records) }).toEqual({ f, live: byId(search.body.results) });
    }
  });
});
