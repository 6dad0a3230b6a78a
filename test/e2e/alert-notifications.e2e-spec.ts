import { AlertEvaluationRunner } from '../../src/alerts/scheduler/alert-evaluation-runner';
import { retryDelayMs } from '../../src/alerts/outbox/outbox-policy';
import { LiveNotification } from '../../src/live/client-events';
import { ManualClock } from '../../src/platform/clock';
import { LiveClient, listen, settle, until } from '../support/live-client';
import { startWebhookReceiver } from '../support/local-receivers';
import { startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
type Auth = { Authorization: string };

/** Browser pushes of alerts, tenant by tenant; the outbox across a restart (injected clock). */
describe('alert notifications (e2e)', () => {
  const clock = new ManualClock(T0);
  const clients: LiveClient[] = [];
  let t: TestApp;
  let base: string;
  let member: Auth;
  let acme: Auth;

  const token = (auth: Auth) => auth.Authorization.slice('Bearer '.length);
  const ingest = (auth: Auth, n: number, message: string) =>
    t.http.post('/api/logs/bulk').set(auth).set('Content-Type', 'application/x-ndjson')
      .send(Array.from({ length: n }, (_, i) => JSON.stringify({ timestamp: new Date(clock.now() - MIN + i).toISOString(), level: 'error', message, service: 'api' })).join('\n'))
      .expect(200);
  const evaluate = (tenant: string) => t.app.get(AlertEvaluationRunner).evaluateTenant(tenant);
  const start = (dir?: string) => startTestApp({ dir, clock, env: { LOGNEST_ALERT_DELAY: '0s' } });
  async function listener(auth: Auth) {
    const c = await new LiveClient(base, { token: token(auth) }).connected();
    clients.push(c);
    const got: LiveNotification[] = [];
    c.socket.on('notification', (n) => got.push(n));
    return got;
  }

  beforeAll(async () => {
    t = await start();
    base = await listen(t);
    member = await t.userIn('default', 'bea');
    acme = await t.userIn('acme', 'abe', 'admin');
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('pushes a fired alert to the open pages of the rule’s tenant only, once', async () => {
    const channel = (await t.http.post('/api/alerts/channels').set(member).send({ name: 'screens', type: 'browser' }).expect(201)).body.channel;
    expect(channel).toMatchObject({ type: 'browser', config: {} });
    const acmeChannel = (await t.http.post('/api/alerts/channels').set(acme).send({ name: 'acme screens', type: 'browser' }).expect(201)).body.channel;
    const rule = (await t.http.post('/api/alerts/rules').set(member).send({
      name: 'Checkout <script>alert(1)</script>', query: 'checkout', condition: { operator: '>', threshold: 2, window: '5m' }, severity: 'critical', channels: [channel.id],
    }).expect(201)).body.rule;
    await t.http.post('/api/alerts/rules').set(acme).send({ name: 'acme checkout', query: 'checkout', condition: { operator: '>', threshold: 2 }, channels: [acmeChannel.id] }).expect(201);
    const mine = await listener(member);
    const colleague = await listener(t.auth);
    const stranger = await listener(acme);

    await ingest(t.auth, 5, 'checkout failed');
    await evaluate('default');
    await evaluate('t-acme');
    await until(() => mine.length === 1 && colleague.length === 1, 'the alert on both pages of tenant default');
    await settle();
    const alertId = (await t.http.get(`/api/alerts/triggered?rule_id=${rule.id}`).set(member).expect(200)).body.alerts[0].id;
    expect(mine).toEqual([{
      kind: 'alert', title: 'Firing: Checkout <script>alert(1)</script>', message: '5 > 2 (critical)', severity: 'critical',
      url: `/alerts?alert=${alertId}`, timestamp: new Date(T0).toISOString(),
    }]);
    expect(stranger).toEqual([]);
    const detail = (await t.http.get(`/api/alerts/triggered/${alertId}`).set(member).expect(200)).body.alert;
    expect(detail.deliveries).toMatchObject([{ channel_type: 'browser', status: 'sent', kind: 'firing' }]);
    expect(detail.notifications).toMatchObject([{ channel_id: channel.id, status: 'sent', rounds: 1, next_attempt_at: null }]);

    // Acme's own rule fires for acme's records, and only acme hears it.
    await ingest(acme, 3, 'checkout failed');
    await evaluate('t-acme');
    await evaluate('default');
    await until(() => stranger.length === 1, 'acme’s alert');
    await settle();
    expect(stranger[0]).toMatchObject({ title: 'Firing: acme checkout', severity: 'warning' });
    expect(mine).toHaveLength(1);
    // Staying firing pushes nothing more.
    clock.advance(MIN);
    await evaluate('default');
    await settle();
    expect(mine).toHaveLength(1);
  });

  it('keeps a failed webhook notification across a restart and retries it with backoff, with one idempotency key', async () => {
    // Down for the whole first round (three quick tries), up after.
    const hook = await startWebhookReceiver((_, n) => ({ status: n <= 3 ? 503 : 200 }));
    try {
      const channel = (await t.http.post('/api/alerts/channels').set(member).send({ name: 'flaky hook', type: 'webhook', config: { url: hook.url } }).expect(201)).body.channel;
      const rule = (await t.http.post('/api/alerts/rules').set(member)
        .send({ name: 'Refunds', query: 'refund', condition: { operator: '>', threshold: 1, window: '5m' }, channels: [channel.id] }).expect(201)).body.rule;
      await ingest(t.auth, 4, 'refund failed');
      await evaluate('default');
      expect(hook.received).toHaveLength(3);
      const alertId = (await t.http.get(`/api/alerts/triggered?rule_id=${rule.id}`).set(member).expect(200)).body.alerts[0].id;
      let detail = (await t.http.get(`/api/alerts/triggered/${alertId}`).set(member).expect(200)).body.alert;
      expect(detail.notifications).toMatchObject([{ status: 'pending', rounds: 1, last_error: 'HTTP 503: nope', next_attempt_at: new Date(clock.now() + retryDelayMs(1)).toISOString() }]);
      expect(detail.deliveries).toMatchObject([{ status: 'retrying', http_status: 503, attempts: 3 }]);

      clients.splice(0).forEach((c) => c.close());
      await t.close(true);
      t = await start(t.dir);
      await evaluate('default');
      expect(hook.received).toHaveLength(3);
      clock.advance(retryDelayMs(1));
      await evaluate('default');
      expect(hook.received).toHaveLength(4);
      expect(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
      expect(hook.received[3].json).toMatchObject({ kind: 'firing', rule: { id: rule.id }, delivery_id: hook.received[0].headers['idempotency-key'] });
      detail = (await t.http.get(`/api/alerts/triggered/${alertId}`).set(member).expect(200)).body.alert;
      expect(detail.notifications).toMatchObject([{ status: 'sent', rounds: 2, next_attempt_at: null }]);
      expect(detail.deliveries.map((d: { status: string }) => d.status)).toEqual(['retrying', 'sent']);
      clock.advance(10 * MIN);
      await evaluate('default');
      expect(hook.received.filter((r) => r.json.kind === 'firing')).toHaveLength(4);
    } finally {
      await hook.close();
    }
  });
});
