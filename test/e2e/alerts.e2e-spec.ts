import { AlertEvaluationRunner } from '../../src/alerts/scheduler/alert-evaluation-runner';
import { signature } from '../../src/alerts/channels/webhook-sender';
import { ManualClock } from '../../src/platform/clock';
import { startSmtpServer, startWebhookReceiver } from '../support/local-receivers';
import { startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
type Auth = { Authorization: string };

describe('alerting (e2e, injected clock, local webhook receiver and SMTP server)', () => {
  const clock = new ManualClock(T0);
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let member: Auth;
  let member2: Auth;
  let viewer: Auth;
  let acme: Auth;
  let webhookId: string;
  let emailId: string;
  let ruleId: string;

  const ingest = (auth: Auth, records: object[]) =>
    t.http.post('/api/logs/bulk').set(auth).set('Content-Type', 'application/x-ndjson').send(records.map((r) => JSON.stringify(r)).join('\n')).expect(200);
  const errorsAt = (at: number, n: number, service: string) =>
    Array.from({ length: n }, (_, i) => ({ timestamp: new Date(at + i).toISOString(), level: 'error', message: `payment failed ${i}`, service }));
  const evaluate = async (tenant = 'default') => {
    await t.app.get(AlertEvaluationRunner).evaluateTenant(tenant);
  };

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    smtp = await startSmtpServer();
    t = await startTestApp({ clock, env: { LOGNEST_SMTP_URL: smtp.url, LOGNEST_SMTP_FROM: 'alerts@lognest.test', LOGNEST_ALERT_DELAY: '15s' } });
    member = await t.userIn('default', 'mia');
    member2 = await t.userIn('default', 'max');
    viewer = await t.userIn('default', 'vic', 'viewer');
    acme = await t.userIn('acme', 'ann', 'admin');
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
    await smtp.close();
  });

  it('creates channels; refuses metadata URLs and bad configs naming the field; hides the secret', async () => {
    const webhook = await t.http.post('/api/alerts/channels').set(member)
      .send({ name: 'ops hook', type: 'webhook', config: { url: `${hook.url}/alerts`, secret: 'hook-secret-1', headers: { 'X-Team': 'payments' } } }).expect(201);
    expect(webhook.body.channel).toMatchObject({ name: 'ops hook', type: 'webhook', config: { url: `${hook.url}/alerts`, has_secret: true, headers: { 'X-Team': 'payments' } } });
    expect(JSON.stringify(webhook.body)).not.toContain('hook-secret-1');
    webhookId = webhook.body.channel.id;
    emailId = (await t.http.post('/api/alerts/channels').set(member).send({ name: 'oncall mail', type: 'email', config: { to: ['oncall@example.com'] } }).expect(201)).body.channel.id;
    const bad = async (body: object) => (await t.http.post('/api/alerts/channels').set(member).send(body).expect(400)).body.field;
    expect(await bad({ name: 'meta', type: 'webhook', config: { url: 'http://169.254.169.254/latest/meta-data' } })).toBe('config.url');
    expect(await bad({ name: 'v6', type: 'slack', config: { webhook_url: 'http://[fe80::1]/x' } })).toBe('config.webhook_url');
    expect(await bad({ name: 'x', type: 'pager', config: {} })).toBe('type');
    expect(await bad({ name: 'x', type: 'email', config: { to: ['not-an-address'] } })).toBe('config.to');
    expect(await bad({ type: 'console' })).toBe('name');
    await t.http.post('/api/alerts/channels').set(viewer).send({ name: 'v', type: 'console' }).expect(403);
  });

  it('sends a test through a channel and records the delivery', async () => {
    const res = await t.http.post(`/api/alerts/channels/${webhookId}/test`).set(member).expect(200);
    expect(res.body).toMatchObject({ success: true, delivery: { status: 'sent', http_status: 200, attempts: 1, kind: 'test' } });
    expect(hook.received.pop()!.json).toMatchObject({ kind: 'test' });
    expect((await t.http.get(`/api/alerts/channels/${webhookId}`).set(viewer).expect(200)).body.deliveries).toHaveLength(1);
  });

  it('creates a rule (400s name the field), fires once after `for`, then resolves once, to webhook and email', async () => {
    const bad = async (body: object) => (await t.http.post('/api/alerts/rules').set(member).send(body).expect(400)).body;
    expect((await bad({ name: 'x', query: 'level:(ERROR', condition: { threshold: 1 } })).field).toBe('query');
    expect((await bad({ name: 'x', condition: { threshold: 'many' } })).field).toBe('condition.threshold');
    expect((await bad({ name: 'x', condition: { threshold: 1 }, channels: ['nope'] })).field).toBe('channels');
    const created = await t.http.post('/api/alerts/rules').set(member).send({
      name: 'Payment errors', query: 'payment', levels: ['ERROR'], group_by: 'service', condition: { operator: '>', threshold: 2, window: '5m' },
      for: '1m', severity: 'critical', channels: [webhookId, emailId],
    }).expect(201);
    ruleId = created.body.rule.id;
    expect(created.body.rule).toMatchObject({ interval: '1m', for: '1m', owner: { username: 'mia' }, status: { state: 'ok' } });

    await ingest(t.auth, [...errorsAt(T0 - 2 * MIN, 5, 'billing'), ...errorsAt(T0 - 2 * MIN, 1, 'web')]);
    // A record of the last 15 s (LOGNEST_ALERT_DELAY) is not counted yet.
    await ingest(t.auth, errorsAt(T0 - 5_000, 1, 'billing'));
    const test = await t.http.post(`/api/alerts/rules/${ruleId}/test`).set(member).expect(200);
    expect(test.body.groups).toEqual([{ group: 'billing', value: 5, condition_met: true }, { group: 'web', value: 1, condition_met: false }]);

    await evaluate();
    expect((await t.http.get('/api/alerts/triggered?state=pending').set(viewer).expect(200)).body.alerts).toMatchObject([{ group: 'billing', state: 'pending' }]);
    expect(hook.received).toHaveLength(0);

    clock.advance(MIN);
    await evaluate();
    await evaluate();
    expect(hook.received).toHaveLength(1);
    const fired = hook.received[0];
    expect(fired.json).toMatchObject({ kind: 'firing', state: 'firing', rule: { id: ruleId, name: 'Payment errors' }, group: 'billing', value: 6, threshold: 2, severity: 'critical' });
    expect(fired.headers['x-lognest-signature']).toBe(signature('hook-secret-1', fired.body));
    expect(fired.headers['x-team']).toBe('payments');
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ from: 'alerts@lognest.test', to: ['oncall@example.com'] });
    expect(smtp.mails[0].raw).toContain('[FIRING] Payment errors [service=billing]: 6 > 2 (critical)');

    const list = await t.http.get('/api/alerts/triggered?state=firing&severity=critical').set(viewer).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    const alert = list.body.alerts[0];
    expect(alert).toMatchObject({ rule_id: ruleId, state: 'firing', group: 'billing', value: 6, threshold: 2, started_at: new Date(T0).toISOString() });
    const link = new URL(alert.link);
    expect(link.pathname).toBe('/search');
    expect(link.searchParams.get('q')).toBe('(payment) AND level:("ERROR") AND service:"billing"');
    const detail = await t.http.get(`/api/alerts/triggered/${alert.id}`).set(viewer).expect(200);
    expect(detail.body.alert.records).toHaveLength(6);
    expect(detail.body.alert.records.every((r: { service: string }) => r.service === 'billing')).toBe(true);
    expect(detail.body.alert.deliveries.map((d: { channel_type: string; status: string }) => [d.channel_type, d.status]).sort()).toEqual([['email', 'sent'], ['webhook', 'sent']]);

    expect((await t.http.get(`/api/alerts/rules/${ruleId}`).set(viewer).expect(200)).body.rule).toMatchObject({
      status: { state: 'firing', firing_groups: 1 }, statistics: { times_fired: 1, last_fired_at: new Date(T0 + MIN).toISOString() },
    });

    const acked = await t.http.post(`/api/alerts/triggered/${alert.id}/acknowledge`).set(member2).send({ note: 'looking' }).expect(200);
    expect(acked.body.alert).toMatchObject({ acknowledged: true, acknowledged_by: 'max', acknowledge_note: 'looking', state: 'firing' });
    await t.http.post(`/api/alerts/triggered/${alert.id}/acknowledge`).set(viewer).send({}).expect(403);

    clock.advance(6 * MIN);
    await evaluate();
    expect(hook.received.map((r) => r.json.kind)).toEqual(['firing', 'resolved']);
    expect(smtp.mails).toHaveLength(2);
    const history = (await t.http.get(`/api/alerts/history?rule_id=${ruleId}`).set(viewer).expect(200)).body.history;
    expect(history.map((h: { from: string; to: string; cause: string }) => `${h.from}>${h.to} ${h.cause}`)).toEqual([
      'firing>ok evaluator (no data)', 'firing>acknowledged user:max', 'pending>firing evaluator', 'ok>pending evaluator',
    ]);
    expect((await t.http.get('/api/alerts/triggered?state=resolved').set(viewer).expect(200)).body.alerts[0]).toMatchObject({ id: alert.id, resolved_at: new Date(T0 + 7 * MIN).toISOString() });
  });

  it('silences notifications while tracking the state, and resolves by hand', async () => {
    const silence = await t.http.post('/api/alerts/silences').set(member)
      .send({ matchers: { rule_id: ruleId, group: 'billing' }, ends_at: new Date(clock.now() + 30 * MIN).toISOString(), comment: 'maintenance' }).expect(201);
    expect(silence.body.silence).toMatchObject({ matchers: { rule_id: ruleId, group: 'billing' }, comment: 'maintenance', active: true, created_by: 'mia' });
    expect((await bad400('/api/alerts/silences', { ends_at: 'tomorrow' })).field).toBe('ends_at');
    await ingest(t.auth, errorsAt(clock.now() - 2 * MIN, 4, 'billing'));
    await evaluate();
    clock.advance(MIN);
    await evaluate();
    const firing = (await t.http.get(`/api/alerts/triggered?state=firing&rule_id=${ruleId}`).set(viewer).expect(200)).body.alerts;
    expect(firing).toHaveLength(1);
    expect(hook.received).toHaveLength(2);
    const detail = await t.http.get(`/api/alerts/triggered/${firing[0].id}`).set(viewer).expect(200);
    expect(detail.body.alert.deliveries.map((d: { status: string }) => d.status)).toEqual(['silenced', 'silenced']);
    const resolved = await t.http.post(`/api/alerts/triggered/${firing[0].id}/resolve`).set(member).send({ note: 'fixed' }).expect(200);
    expect(resolved.body.alert).toMatchObject({ state: 'resolved', resolved_by: 'mia', resolve_note: 'fixed' });
    await t.http.post(`/api/alerts/triggered/${firing[0].id}/resolve`).set(member).send({}).expect(409);
    await t.http.delete(`/api/alerts/silences/${silence.body.silence.id}`).set(member2).expect(403);
    await t.http.delete(`/api/alerts/silences/${silence.body.silence.id}`).set(member).expect(200);
  });

  async function bad400(url: string, body: object) {
    return (await t.http.post(url).set(member).send(body).expect(400)).body;
  }

  it('lets viewers read, members change their own rules and admins any', async () => {
    expect((await t.http.get('/api/alerts/rules').set(viewer).expect(200)).body.count).toBe(1);
    await t.http.post('/api/alerts/rules').set(viewer).send({ name: 'v', condition: { threshold: 1 } }).expect(403);
    await t.http.put(`/api/alerts/rules/${ruleId}`).set(member2).send({ enabled: false }).expect(403);
    await t.http.delete(`/api/alerts/rules/${ruleId}`).set(member2).expect(403);
    await t.http.post(`/api/alerts/rules/${ruleId}/test`).set(member2).expect(403);
    const changed = await t.http.put(`/api/alerts/rules/${ruleId}`).set(member).send({ condition: { threshold: 50 } }).expect(200);
    expect(changed.body.rule).toMatchObject({ condition: { operator: '>', threshold: 50, window: '5m' }, group_by: 'service' });
    expect((await t.http.put(`/api/alerts/rules/${ruleId}`).set(t.auth).send({ severity: 'high' }).expect(200)).body.rule.severity).toBe('high');
    await t.http.delete(`/api/alerts/channels/${webhookId}`).set(member).expect(409);
  });

  it("accepts seed 002's and seed 001's rule shapes, seed 002's inline channel included", async () => {
    const seed2 = await t.http.post('/api/alerts/rules').set(member).send({
      name: 'Critical Error Spike', description: 'Alert when errors exceed threshold', condition: 'greater_than', threshold: 50, time_window: 5,
      levels: ['ERROR'], services: ['payment-service'], notification_channel: 'webhook', notification_config: { url: `${hook.url}/seed` }, is_active: true,
    }).expect(201);
    expect(seed2.body.rule).toMatchObject({ condition: { operator: '>', threshold: 50, window: '5m' }, services: ['payment-service'], enabled: true, channels: [expect.any(String)] });
    const inline = (await t.http.get(`/api/alerts/channels/${seed2.body.rule.channels[0]}`).set(member).expect(200)).body.channel;
    expect(inline).toMatchObject({ type: 'webhook', name: 'Critical Error Spike (webhook)', config: { url: `${hook.url}/seed` } });
    const badSeed = await t.http.post('/api/alerts/rules').set(member)
      .send({ name: 'x', condition: 'greater_than', threshold: 1, notification_channel: 'webhook', notification_config: { url: 'http://169.254.169.254/' } }).expect(400);
    expect(badSeed.body.field).toBe('notification_config.url');
    const seed1 = await t.http.post('/api/alerts/rules').set(member)
      .send({ name: 'High Error Rate', query: 'level:error', condition: { threshold: 10, window: '5m', operator: '>' }, severity: 'critical', enabled: true }).expect(201);
    expect(seed1.body.rule).toMatchObject({ query: 'level:error', severity: 'critical', condition: { threshold: 10, operator: '>', window: '5m' } });
  });

  it('previews a rule over the last 24 h before saving it', async () => {
    const res = await t.http.post('/api/alerts/rules/preview').set(viewer)
      .send({ query: 'payment', levels: ['ERROR'], condition: { operator: '>', threshold: 2, window: '5m' } }).expect(200);
    expect(res.body).toMatchObject({ operator: '>', threshold: 2, bucket: '5m' });
    expect(res.body.points.reduce((n: number, p: { value: number }) => n + p.value, 0)).toBe(11);
    expect((await t.http.post('/api/alerts/rules/preview').set(viewer).send({ condition: { threshold: 1 }, aggregation: { type: 'avg' } }).expect(400)).body.field).toBe('aggregation.field');
  });

  it('keeps every tenant to its own rules, alerts, channels, silences and history', async () => {
    expect((await t.http.get('/api/alerts/rules').set(acme).expect(200)).body.count).toBe(0);
    await t.http.get(`/api/alerts/rules/${ruleId}`).set(acme).expect(404);
    await t.http.put(`/api/alerts/rules/${ruleId}`).set(acme).send({ enabled: false }).expect(404);
    await t.http.delete(`/api/alerts/rules/${ruleId}`).set(acme).expect(404);
    await t.http.post(`/api/alerts/rules/${ruleId}/test`).set(acme).expect(404);
    expect((await t.http.get('/api/alerts/triggered').set(acme).expect(200)).body.total).toBe(0);
    const theirs = (await t.http.get('/api/alerts/triggered').set(viewer).expect(200)).body.alerts[0].id;
    await t.http.get(`/api/alerts/triggered/${theirs}`).set(acme).expect(404);
    await t.http.post(`/api/alerts/triggered/${theirs}/acknowledge`).set(acme).send({}).expect(404);
    await t.http.post(`/api/alerts/triggered/${theirs}/resolve`).set(acme).send({}).expect(404);
    expect((await t.http.get('/api/alerts/history').set(acme).expect(200)).body.count).toBe(0);
    expect((await t.http.get('/api/alerts/channels').set(acme).expect(200)).body.count).toBe(0);
    await t.http.get(`/api/alerts/channels/${webhookId}`).set(acme).expect(404);
    await t.http.post(`/api/alerts/channels/${webhookId}/test`).set(acme).expect(404);
    await t.http.delete(`/api/alerts/channels/${webhookId}`).set(acme).expect(404);
    expect((await t.http.post('/api/alerts/rules').set(acme).send({ name: 'x', condition: { threshold: 1 }, channels: [webhookId] }).expect(400)).body.field).toBe('channels');
    expect((await t.http.post('/api/alerts/silences').set(acme).send({ matchers: { rule_id: ruleId }, ends_at: new Date(clock.now() + MIN).toISOString() }).expect(400)).body.field).toBe('matchers.rule_id');
    expect((await t.http.get('/api/alerts/silences').set(acme).expect(200)).body.count).toBe(0);
    // Acme's records never count for default's rule, and acme's rule never sees default's.
    const acmeRule = (await t.http.post('/api/alerts/rules').set(acme).send({ name: 'acme errors', query: 'payment', condition: { operator: '>', threshold: 0 } }).expect(201)).body.rule.id;
    const test = await t.http.post(`/api/alerts/rules/${acmeRule}/test`).set(acme).expect(200);
    expect(test.body.groups).toEqual([{ group: null, value: 0, condition_met: false }]);
  });

  it('neither notifies a firing alert again nor forgets a pending one across a restart', async () => {
    await t.http.put(`/api/alerts/rules/${ruleId}`).set(member).send({ condition: { threshold: 2 }, for: '2m' }).expect(200);
    // The earlier records leave the window first.
    clock.advance(10 * MIN);
    await evaluate();
    await ingest(t.auth, errorsAt(clock.now() - 2 * MIN, 5, 'web'));
    await evaluate();
    expect((await t.http.get(`/api/alerts/triggered?state=pending&rule_id=${ruleId}`).set(viewer).expect(200)).body.alerts).toMatchObject([{ group: 'web' }]);
    const sent = hook.received.length;
    await t.close(true);
    t = await startTestApp({ dir: t.dir, clock, env: { LOGNEST_SMTP_URL: smtp.url, LOGNEST_ALERT_DELAY: '15s' } });
    clock.advance(MIN);
    await evaluate();
    expect(hook.received).toHaveLength(sent);
    clock.advance(MIN);
    await evaluate();
    expect(hook.received.slice(sent).map((r) => [r.json.kind, r.json.group])).toEqual([['firing', 'web']]);
    await t.close(true);
    t = await startTestApp({ dir: t.dir, clock, env: { LOGNEST_SMTP_URL: smtp.url, LOGNEST_ALERT_DELAY: '15s' } });
    clock.advance(30_000);
    await evaluate();
    expect(hook.received).toHaveLength(sent + 1);
  });
});
