import { AlertEvaluationRunner } from '../../src/alerts/scheduler/alert-evaluation-runner';
import { ManualClock } from '../../src/platform/clock';
import { startWebhookReceiver } from '../support/local-receivers';
import { startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 22, 15, 0, 0);

/** An `anomaly` rule over ingested data: quiet on ordinary traffic, fires once on a burst (injected clock). */
describe('anomaly alert rules (e2e)', () => {
  const clock = new ManualClock(NOW - 5 * MIN);
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    t = await startTestApp({ clock, env: { LOGNEST_ALERT_DELAY: '0s' } });
    // Three hours of 20 checkout records a minute; 300 a minute in the last two.
    const lines: string[] = [];
    for (let m = 180; m >= 1; m--) {
      const n = m <= 2 ? 300 : 20;
      for (let i = 0; i < n; i++) lines.push(JSON.stringify({ timestamp: new Date(NOW - m * MIN + Math.floor((i * MIN) / n)).toISOString(), level: 'info', message: 'checkout done', service: 'shop' }));
      lines.push(JSON.stringify({ timestamp: new Date(NOW - m * MIN + 1).toISOString(), level: 'info', message: 'unrelated', service: 'other' }));
    }
    await t.http.post('/api/logs/bulk').set(t.auth).set('Content-Type', 'application/x-ndjson').send(lines.join('\n')).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
  });

  it('answers 400 naming the anomaly field at fault', async () => {
    const bad = await t.http.post('/api/alerts/rules').set(t.auth).send({ name: 'x', aggregation: { type: 'anomaly', metric: 'cpu' } }).expect(400);
    expect(bad.body).toMatchObject({ field: 'aggregation.metric' });
  });

  it('fires once when the watched series turns anomalous', async () => {
    const channel = (await t.http.post('/api/alerts/channels').set(t.auth).send({ name: 'hook', type: 'webhook', config: { url: hook.url } }).expect(201)).body.channel;
    const created = await t.http.post('/api/alerts/rules').set(t.auth).send({
      name: 'Checkout volume', query: 'checkout', aggregation: { type: 'anomaly', metric: 'log_volume', method: 'robust_zscore', direction: 'spike' },
      condition: { threshold: 4, window: '5m' }, severity: 'high', channels: [channel.id],
    }).expect(201);
    const rule = created.body.rule;
    expect(rule).toMatchObject({ aggregation: { type: 'anomaly', metric: 'log_volume', method: 'robust_zscore', direction: 'spike' }, condition: { operator: '>', threshold: 4, window: '5m' } });
    const evaluate = () => t.app.get(AlertEvaluationRunner).evaluateTenant('default');

    // Five minutes before the burst: ordinary.
    expect((await t.http.post(`/api/alerts/rules/${rule.id}/test`).set(t.auth).expect(200)).body.groups).toEqual([{ group: null, value: 0, condition_met: false }]);
    await evaluate();
    expect(hook.received).toHaveLength(0);

    clock.set(NOW);
    const test = (await t.http.post(`/api/alerts/rules/${rule.id}/test`).set(t.auth).expect(200)).body.groups;
    expect(test).toEqual([{ group: null, value: expect.any(Number), condition_met: true }]);
    expect(test[0].value).toBeGreaterThan(4);
    await evaluate();
    await evaluate();
    expect(hook.received.map((r) => [r.json.kind, r.json.severity, r.json.rule.name])).toEqual([['firing', 'high', 'Checkout volume']]);

    // The preview of the day shows the burst's score against the threshold.
    const preview = (await t.http.post('/api/alerts/rules/preview').set(t.auth).send({ query: 'checkout', aggregation: { type: 'anomaly', method: 'robust_zscore' }, condition: { threshold: 4 } }).expect(200)).body;
    expect(preview).toMatchObject({ operator: '>', threshold: 4 });
    expect(Math.max(...preview.points.map((p: { value: number }) => p.value))).toBeGreaterThan(4);
  });
});
