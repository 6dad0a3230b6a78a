import { LiveTailer } from '../../src/live/live-tailer';
import { LiveClient, listen, settle, until } from '../support/live-client';
import { SseReader } from '../support/sse-reader';
import { startTestApp, TestApp } from '../support/test-app';

const line = (marker: string, i: number, ts = Date.now()) =>
  JSON.stringify({ timestamp: new Date(ts).toISOString(), level: i % 5 === 0 ? 'error' : 'info', message: `${marker} seq ${i}`, service: 'sse', seq: i });

describe('live tail over SSE and flow control (e2e)', () => {
  let t: TestApp;
  let base: string;
  const ingest = (lines: string[]) =>
    t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(lines.join('\n')).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGNEST_LIVE_MAX_RATE: '40' } });
    base = await listen(t);
  });
  afterAll(() => t.close());

  it('refuses a bad query or since with a 400 before streaming', async () => {
    const res = await t.http.get('/api/logs/tail').query({ query: 'a AND (' }).set(t.auth).expect(400);
    expect(res.body).toMatchObject({ error: 'query_syntax', position: expect.any(Number) });
    expect((await t.http.get('/api/logs/tail').query({ since: 'yesterday-ish' }).set(t.auth).expect(400)).body.field).toBe('since');
    await t.http.get('/api/logs/tail').expect(401);
  });

  it('backfills since=now-5m, then goes live with no gap and no duplicate at the seam', async () => {
    await ingest(Array.from({ length: 5 }, (_, i) => line('seamword', i, Date.now() - 60_000)));
    await ingest([line('seamword', 100, Date.now() - 3_600_000)]); // before `since`: not backfilled
    let next = 5;
    let running = true;
    // Commits keep landing while the stream opens and its backfill runs.
    const writer = (async () => {
      while (running && next < 40) {
        await ingest([line('seamword', next++), line('otherword', next)]);
      }
    })();
    await settle(30);
    const sse = new SseReader(`${base}/api/logs/tail?query=seamword&since=now-5m`, t.token);
    await settle(200);
    running = false;
    await writer;
    await ingest([line('seamword', 1000)]);
    const expected = [...Array.from({ length: next }, (_, i) => i), 1000];
    await until(() => sse.records.some((r) => (r.fields as Record<string, string>).seq === '1000'), 'the last record');
    await settle();
    sse.close();
    expect(sse.status).toBe(200);
    expect(sse.contentType).toMatch(/^text\/event-stream/);
    const seqs = sse.records.map((r) => Number((r.fields as Record<string, string>).seq));
    expect([...seqs].sort((a, b) => a - b)).toEqual(expected);
    expect(seqs.slice(0, 5)).toEqual([0, 1, 2, 3, 4]); // the backfill first, oldest first
    const search = await t.http.post('/api/search').set(t.auth).send({ q: 'seamword', date_from: 'now-5m', per_page: 1000, sort: 'asc' }).expect(200);
    expect(byId(sse.records)).toEqual(byId(search.body.results));
  });

  it('confines the stream to its tenant: another tenant with no filter gets nothing of this one', async () => {
    const other = await t.userIn('sse-other', 'sse-other-user');
    const otherToken = other.Authorization.slice('Bearer '.length);
    const stranger = await new SseReader(`${base}/api/logs/tail?since=now-1h`, otherToken).opened();
    const mine = await new SseReader(`${base}/api/logs/tail?query=tenantword`, t.token).opened();
    try {
      await ingest([line('tenantword', 1), line('tenantword', 2)]);
      await until(() => mine.records.length === 2, 'own records');
      await settle();
      expect(stranger.records).toEqual([]);
      await t.http.post('/api/logs/bulk').set(other).set('Content-Type', 'application/x-ndjson').send(line('theirword', 3)).expect(200);
      await until(() => stranger.records.length === 1, 'the other tenant its own');
      expect(stranger.records[0]).toMatchObject({ message: 'theirword seq 3' });
      expect(mine.records.length).toBe(2);
    } finally {
      stranger.close();
      mine.close();
    }
    await until(() => t.app.get(LiveTailer).subscriberCount === 0, 'streams to close');
  });

  it('drops what exceeds LOGNEST_LIVE_MAX_RATE and says how many', async () => {
    const live = await new LiveClient(base, { token: t.token }).connected();
    await live.setFilters({ query: 'floodword' });
    const sse = new SseReader(`${base}/api/logs/tail?query=floodword`, t.token);
    await settle(100);
    await ingest(Array.from({ length: 200 }, (_, i) => line('floodword', i)));
    await until(() => live.dropped.length > 0 && sse.dropped.length > 0, 'drop notices');
    await settle();
    expect(live.records.length).toBe(40);
    expect(live.dropped.reduce((n, d) => n + d.count, 0)).toBe(160);
    expect(live.dropped[0]).toEqual({ count: expect.any(Number), since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(sse.records.length).toBe(40);
    expect(sse.dropped.reduce((n, d) => n + d.count, 0)).toBe(160);
    // Prometheus sees the subscribers and what they got and missed (both streams: 2 × 40 and 2 × 160).
    const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec((await t.http.get('/metrics').set(t.auth).expect(200)).text)?.[1]);
    expect(await metric('lognest_live_subscribers')).toBe(2);
    expect(await metric('lognest_live_records_dropped_total')).toBe(320);
    expect(await metric('lognest_live_records_sent_total')).toBeGreaterThanOrEqual(80);
    live.close();
    sse.close();
    await until(() => t.app.get(LiveTailer).subscriberCount === 0, 'streams to close');
    expect(await metric('lognest_live_subscribers')).toBe(0);
  });
});

const byId = (records: Record<string, unknown>[]) => [...records].sort((x, y) => String(x.id).localeCompare(String(y.id)));
