import { LiveNotifier } from '../../src/live/live-notifier';
import { SUBSCRIBER_BUFFER, SUBSCRIBER_BUFFER_BYTES } from '../../src/live/live-subscriber';
import { LiveTailer } from '../../src/live/live-tailer';
import { EventBus } from '../../src/platform/events/event-bus';
import { LiveClient, listen, settle, until } from '../support/live-client';
import { SseReader } from '../support/sse-reader';
import { ADMIN_PASSWORD, ndjson, startTestApp, TestApp } from '../support/test-app';

describe('live stream over socket.io (e2e)', () => {
  let t: TestApp;
  let base: string;
  const clients: LiveClient[] = [];
  const client = (options: { token?: string; cookie?: string }) => {
    const c = new LiveClient(base, options);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    // No rate limit here: the flow-control test is about a client that stops reading.
    t = await startTestApp({ env: { LOGNEST_LIVE_MAX_RATE: '100000' } });
    base = await listen(t);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  const ingest = (body: string, auth = t.auth) =>
    t.http.post('/api/logs/bulk').set(auth).set('Content-Type', 'application/x-ndjson').send(body).expect(200);

  it('refuses a handshake without credentials or with a bad token, saying why', async () => {
    await expect(client({}).connected()).rejects.toThrow(/authentication required/);
    await expect(client({ token: 'not-a-token' }).connected()).rejects.toThrow(/invalid or expired token/);
  });

  it('refuses an ingest-only API token, accepts a read token', async () => {
    const make = async (scope: string) => (await t.http.post('/api/tokens').set(t.auth).send({ name: `live-${scope}`, scope }).expect(201)).body.token;
    await expect(client({ token: await make('ingest') }).connected()).rejects.toThrow(/scope ingest/);
    await client({ token: await make('read') }).connected();
  });

  it('streams records after set_filters, once each, in the shape search returns', async () => {
    const live = await client({ token: t.token }).connected();
    expect(await live.setFilters({ query: 'streamword' })).toEqual({ event: 'filters_set', payload: { filters: { query: 'streamword' } } });
    await ingest(ndjson(25, 'streamword'));
    await ingest(ndjson(5, 'otherword'));
    await until(() => live.records.length >= 25, '25 records');
    await settle();
    const search = await t.http.post('/api/search').set(t.auth).send({ q: 'streamword', per_page: 100, sort: 'asc' }).expect(200);
    expect(live.records).toEqual(search.body.results);
  });

  it('signs in with the session cookie', async () => {
    const login = await t.http.post('/api/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? [])[0].split(';')[0];
    const live = await client({ cookie }).connected();
    await live.setFilters({ query: 'cookieword' });
    await ingest(ndjson(2, 'cookieword'));
    await until(() => live.records.length === 2, 'records by cookie');
    // A cookie that is not a live session is refused like no credentials.
    await expect(client({ cookie: 'lognest.sid=s%3Aforged.sig' }).connected()).rejects.toThrow(/authentication required/);
  });

  it('answers a bad query with filters_error and keeps the connection and the previous filter', async () => {
    const live = await client({ token: t.token }).connected();
    await live.setFilters({ query: 'keepword' });
    const bad = await live.setFilters({ query: 'status_code:>=500 AND (' });
    expect(bad.event).toBe('filters_error');
    expect(bad.payload).toMatchObject({ message: expect.stringContaining('Expected'), position: expect.any(Number) });
    expect((await live.setFilters({ level: 'LOUD' })).payload).toMatchObject({ field: 'level', position: null });
    expect((await live.setFilters({ query: '/(unclosed/' })).event).toBe('filters_error');
    expect(live.socket.connected).toBe(true);
    await ingest(ndjson(3, 'keepword'));
    await until(() => live.records.length === 3, 'records under the kept filter');
  });

  it('confines every stream to its tenant', async () => {
    const other = await t.userIn('live-other', 'live-other-user');
    const otherToken = other.Authorization.slice('Bearer '.length);
    const stranger = await client({ token: otherToken }).connected();
    await stranger.setFilters({});
    const mine = await client({ token: t.token }).connected();
    await mine.setFilters({ query: 'isolatedword' });
    await ingest(ndjson(10, 'isolatedword'));
    await until(() => mine.records.length === 10, 'own records');
    await settle();
    expect(stranger.records).toEqual([]);
    await ingest(ndjson(4, 'theirword'), other);
    await until(() => stranger.records.length === 4, 'the other tenant its own');
    await settle();
    expect(mine.records.length).toBe(10);
  });

  it('gives another tenant none of this tenant\'s metrics: its own rates and connected_users only', async () => {
    const other = await t.userIn('live-metrics-other', 'live-metrics-other-user');
    const stranger = await client({ token: other.Authorization.slice('Bearer '.length) }).connected();
    await stranger.setFilters({});
    const second = await t.userIn('default', 'live-second-user');
    const mine = await client({ token: t.token }).connected();
    await client({ token: second.Authorization.slice('Bearer '.length) }).connected();
    await ingest(ndjson(30, 'metricsisolationword'));
    await until(() => mine.metrics.some((m) => m.connected_users === 2 && m.logs_per_second + m.by_level.INFO > 0), 'this tenant\'s metrics', 4_000);
    const seen = stranger.metrics.length;
    await until(() => stranger.metrics.length > seen + 1, 'two more metrics of the other tenant', 4_000);
    for (const m of stranger.metrics) {
      expect(m).toMatchObject({ logs_per_second: 0, errors_per_minute: 0, connected_users: 1 });
      expect(Object.values(m.by_level).every((n) => n === 0)).toBe(true);
    }
    expect(stranger.records).toEqual([]);
  });

  it('sends metrics every second until set_metrics {enabled: false}', async () => {
    const live = await client({ token: t.token }).connected();
    await ingest(ndjson(20, 'metricword'));
    await until(() => live.metrics.some((m) => m.errors_per_minute >= 2), 'metrics with the errors', 4_000);
    const last = live.metrics[live.metrics.length - 1];
    expect(last).toMatchObject({ connected_users: 1, by_level: expect.objectContaining({ ERROR: expect.any(Number) }) });
    expect(last.by_level.INFO + last.by_level.ERROR).toBeGreaterThanOrEqual(20);
    live.socket.emit('set_metrics', { enabled: false });
    await settle(100);
    const count = live.metrics.length;
    await settle(1_500);
    expect(live.metrics.length).toBe(count);
  });

  it('keeps at most a bounded buffer for a client that stops reading, and accounts for every record', async () => {
    const slow = await client({ token: t.token }).connected();
    await slow.setFilters({ query: 'slowword' });
    const tcp = (slow.socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;
    tcp.pause();
    const tailer = t.app.get(LiveTailer);
    const total = 30_000;
    let unsent = 0;
    for (let i = 0; i < total / 3_000; i++) {
      await ingest(ndjson(3_000, 'slowword', () => ({ padding: 'x'.repeat(400) })));
      expect(tailer.bufferedRecords).toBeLessThanOrEqual(SUBSCRIBER_BUFFER);
      // What the socket holds beyond the buffer shows too, bounded: at most one packet in the
      // websocket and the few queued behind it (each at most one buffer's worth).
      unsent = Math.max(unsent, tailer.unsentBytes);
      expect(tailer.unsentBytes).toBeLessThanOrEqual(8 * SUBSCRIBER_BUFFER_BYTES);
    }
    expect(unsent).toBeGreaterThan(0);
    tcp.resume();
    await until(() => slow.records.length + slow.dropped.reduce((n, d) => n + d.count, 0) === total, 'every record sent or counted', 20_000);
    expect(slow.dropped.length).toBeGreaterThan(0);
    expect(new Set(slow.records.map((r) => r.id)).size).toBe(slow.records.length);
    await until(() => tailer.unsentBytes === 0, 'nothing left unsent');
  });

  it('keeps at most a bounded buffer for an SSE client that stops reading, and accounts for every record', async () => {
    const slow = await new SseReader(`${base}/api/logs/tail?query=ssestuckword`, t.token).opened();
    slow.pause();
    const tailer = t.app.get(LiveTailer);
    const total = 30_000;
    let unsent = 0;
    for (let i = 0; i < total / 3_000; i++) {
      await ingest(ndjson(3_000, 'ssestuckword', () => ({ padding: 'x'.repeat(400) })));
      expect(tailer.bufferedRecords).toBeLessThanOrEqual(SUBSCRIBER_BUFFER);
      // The response is written to only while it holds ≤ 256 KiB unsent, one batch at a time.
      unsent = Math.max(unsent, tailer.unsentBytes);
      expect(tailer.unsentBytes).toBeLessThanOrEqual(2 * SUBSCRIBER_BUFFER_BYTES);
    }
    expect(unsent).toBeGreaterThan(0);
    slow.resume();
    await until(() => slow.records.length + slow.dropped.reduce((n, d) => n + d.count, 0) === total, 'every record sent or counted', 20_000);
    await until(() => tailer.unsentBytes === 0, 'nothing left unsent');
    expect(slow.dropped.length).toBeGreaterThan(0);
    expect(slow.dropped[0]).toEqual({ count: expect.any(Number), since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(new Set(slow.records.map((r) => r.id)).size).toBe(slow.records.length);
    slow.close();
  });

  it('pushes LiveNotifier notifications to the open pages of that tenant only', async () => {
    const other = await t.userIn('live-notes', 'live-notes-user');
    const stranger = await client({ token: other.Authorization.slice('Bearer '.length) }).connected();
    const mine = await client({ token: t.token }).connected();
    const got: unknown[] = [];
    const strangerGot: unknown[] = [];
    mine.socket.on('notification', (n) => got.push(n));
    stranger.socket.on('notification', (n) => strangerGot.push(n));
    t.app.get(LiveNotifier).notifyTenant('default', { kind: 'alert', title: 'Errors <b>up</b>', message: '12 errors in 5 min', severity: 'critical', url: '/alerts' });
    await until(() => got.length === 1, 'the notification');
    await settle();
    expect(got[0]).toEqual({ kind: 'alert', title: 'Errors <b>up</b>', message: '12 errors in 5 min', severity: 'critical', url: '/alerts', timestamp: expect.any(String) });
    expect(strangerGot).toEqual([]);
  });

  it('leaves no subscription behind after 1,000 connect/disconnect cycles', async () => {
    const tailer = t.app.get(LiveTailer);
    await until(() => tailer.subscriberCount === 0, 'earlier clients to go');
    for (let round = 0; round < 20; round++) {
      const batch = Array.from({ length: 50 }, () => new LiveClient(base, { token: t.token }));
      await Promise.all(batch.map((c) => c.connected()));
      await Promise.all(batch.map((c, i) => (i % 2 === 0 ? c.setFilters({ query: `cycle${i}` }) : undefined)));
      batch.forEach((c) => c.close());
    }
    await until(() => tailer.subscriberCount === 0, 'subscriptions to go');
    expect(t.app.get(EventBus).wants('logs.committed', 'default')).toBe(false);
  });
});
