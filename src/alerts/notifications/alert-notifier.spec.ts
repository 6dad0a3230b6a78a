import { LogRecord } from '../../logs/log-record';
import { newId } from '../../platform/ids';
import { SendOutcome } from '../channels/channel-sender';
import { createFakeAlerting } from '../create-fake-alerting';
import { retryDelayMs, sendLeaseMs } from '../outbox/outbox-policy';
import { contractRule } from '../rules/alert-rule-store.contract';
import { AlertGroupState } from '../state/alert-state';
import { AlertNotifier } from './alert-notifier';

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);
const failed = (error: string, retryable = true): SendOutcome => ({ ok: false, httpStatus: 503, error, attempts: 3, retryable });

function errors(tenantId: string, n: number): LogRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: newId(T0 - 1000 - i), tenantId, timestamp: T0 - 1000 - i, ingestedAt: T0, level: 'ERROR', message: 'boom', service: 'api', server: null,
    environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null,
    statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {},
  }));
}

/** A process that dies right after its commit: the notification never reaches the outbox. */
class CrashingNotifier extends AlertNotifier {
  override dispatch(): void {}
}
const crashing = (n: AlertNotifier): AlertNotifier => Object.assign(Object.create(CrashingNotifier.prototype), n);

async function setup() {
  const a = createFakeAlerting();
  a.clock.set(T0);
  for (const id of ['c1', 'c2']) await a.channels.create({ id, tenantId: 't1', ownerId: null, name: id, type: 'console', config: {}, createdAt: 0, updatedAt: 0 });
  const rule = contractRule('r1', { query: '', levels: [], services: [], channelIds: ['c1', 'c2'], condition: { operator: '>', threshold: 2, windowMs: 300_000 } });
  await a.rules.create(rule);
  a.logs.add('t1', errors('t1', 3));
  return { ...a, rule };
}

const unsent = async (a: Awaited<ReturnType<typeof setup>>) => ((await a.states.groupState('t1', 'r1', '')) as AlertGroupState).unsent ?? [];

describe('alert notifier (outbox)', () => {
  it('sends a notification committed just before a crash once, after the restart, with one idempotency key per channel', async () => {
    const a = await setup();
    const dead = a.newEvaluator(crashing(a.newNotifier()));
    expect((await dead.evaluate(a.rule, T0))[0]).toMatchObject({ state: 'firing', committed: true });
    expect(a.sender.sent).toEqual([]);
    expect(await unsent(a)).toHaveLength(1);

    const restarted = a.newNotifier();
    await restarted.recover('t1', ['r1']);
    await restarted.drain('t1');
    await restarted.whenIdle();
    expect(a.sender.sent.map((s) => [s.channel.id, s.message.kind])).toEqual([['c1', 'firing'], ['c2', 'firing']]);
    const keys = a.sender.sent.map((s) => s.deliveryId);
    expect(new Set(keys).size).toBe(2);
    expect(await unsent(a)).toEqual([]);

    // A second restart (or a second process recovering too) sends nothing more.
    const again = a.newNotifier();
    await again.recover('t1', ['r1']);
    await again.drain('t1');
    await again.whenIdle();
    expect(a.sender.sent).toHaveLength(2);
    expect((await a.deliveries.forAlert('t1', a.sender.sent[0].message.alertId!)).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('hands the same intent over once when two processes both try', async () => {
    const a = await setup();
    const dead = a.newEvaluator(crashing(a.newNotifier()));
    await dead.evaluate(a.rule, T0);
    const [p1, p2] = [a.newNotifier(), a.newNotifier()];
    await Promise.all([p1.recover('t1', ['r1']), p2.recover('t1', ['r1'])]);
    await Promise.all([p1.drain('t1'), p2.drain('t1')]);
    await Promise.all([p1.whenIdle(), p2.whenIdle()]);
    expect(a.sender.sent.map((s) => s.channel.id).sort()).toEqual(['c1', 'c2']);
  });

  it('sends again, with the same key, what a process left leased when it died mid-send', async () => {
    const a = await setup();
    a.sender.answers.push(() => new Promise<SendOutcome>(() => {}), { ok: true, httpStatus: 200, error: null, attempts: 1 });
    a.rule.channelIds = ['c1'];
    await a.evaluator.evaluate(a.rule, T0);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(a.sender.sent).toHaveLength(1);

    const restarted = a.newNotifier();
    await restarted.drain('t1');
    expect(a.sender.sent).toHaveLength(1);
    a.clock.advance(sendLeaseMs(a.config.alertSendTimeoutMs));
    await restarted.drain('t1');
    await restarted.whenIdle();
    expect(a.sender.sent.map((s) => s.deliveryId)).toEqual([a.sender.sent[0].deliveryId, a.sender.sent[0].deliveryId]);
    const [entry] = await a.outbox.forAlert('t1', a.sender.sent[0].message.alertId!);
    expect(entry).toMatchObject({ status: 'sent', rounds: 1 });
  });

  it('retries a failed round with backoff, across a restart, and records every round', async () => {
    const a = await setup();
    a.rule.channelIds = ['c1'];
    a.sender.answers.push(failed('HTTP 503: down'), failed('HTTP 503: down'));
    await a.evaluator.evaluate(a.rule, T0);
    await a.notifier.whenIdle();
    const alertId = a.sender.sent[0].message.alertId!;
    expect(await a.outbox.forAlert('t1', alertId)).toMatchObject([{ status: 'pending', rounds: 1, nextAttemptAt: T0 + retryDelayMs(1), lastError: 'HTTP 503: down' }]);

    const restarted = a.newNotifier();
    a.clock.advance(retryDelayMs(1) - 1);
    await restarted.drain('t1');
    expect(a.sender.sent).toHaveLength(1);
    a.clock.advance(1);
    await restarted.drain('t1');
    await restarted.whenIdle();
    a.clock.advance(retryDelayMs(2));
    await restarted.drain('t1');
    await restarted.whenIdle();
    expect(a.sender.sent).toHaveLength(3);
    expect(new Set(a.sender.sent.map((s) => s.deliveryId)).size).toBe(1);
    expect((await a.deliveries.forAlert('t1', alertId)).map((d) => d.status)).toEqual(['retrying', 'retrying', 'sent']);
    a.clock.advance(24 * 3_600_000);
    await restarted.drain('t1');
    expect(a.sender.sent).toHaveLength(3);
  });

  it('gives up at once on a failure that retrying cannot fix', async () => {
    const a = await setup();
    a.rule.channelIds = ['c1'];
    a.sender.answers.push(failed('HTTP 404: nope', false));
    await a.evaluator.evaluate(a.rule, T0);
    await a.notifier.whenIdle();
    const alertId = a.sender.sent[0].message.alertId!;
    expect(await a.outbox.forAlert('t1', alertId)).toMatchObject([{ status: 'failed', rounds: 1, lastError: 'HTTP 404: nope' }]);
    expect((await a.deliveries.forAlert('t1', alertId)).map((d) => d.status)).toEqual(['failed']);
  });

  it('does not let a slow channel hold back another', async () => {
    const a = await setup();
    let release!: (o: SendOutcome) => void;
    a.sender.answers.push(() => new Promise<SendOutcome>((r) => (release = r)));
    await a.evaluator.evaluate(a.rule, T0);
    for (let i = 0; i < 10 && a.deliveries.all.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(a.deliveries.all.map((d) => [d.channelId, d.status])).toEqual([['c2', 'sent']]);
    release({ ok: true, httpStatus: null, error: null, attempts: 1 });
    await a.notifier.whenIdle();
    expect(a.deliveries.all.map((d) => d.channelId).sort()).toEqual(['c1', 'c2']);
  });
});
