import { LogRecord } from '../../logs/log-record';
import { newId } from '../../platform/ids';
import { createFakeAlerting } from '../create-fake-alerting';
import { contractRule } from '../rules/alert-rule-store.contract';
import { AlertRule } from '../rules/alert-rule';

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

function record(at: number, over: Partial<LogRecord> = {}): LogRecord {
  return {
    id: newId(at), tenantId: 't1', timestamp: at, ingestedAt: at, level: 'ERROR', message: 'boom', service: 'api', server: null, environment: null,
    logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null, statusCode: null,
    responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {}, ...over,
  };
}

async function setup(over: Partial<AlertRule> = {}, env: Record<string, string> = {}) {
  const a = createFakeAlerting(env);
  await a.channels.create({ id: 'c1', tenantId: 't1', ownerId: 'u1', name: 'log', type: 'console', config: {}, createdAt: 0, updatedAt: 0 });
  const rule = contractRule('r1', { query: '', levels: ['ERROR'], services: [], condition: { operator: '>', threshold: 2, windowMs: 5 * MIN }, ...over });
  await a.rules.create(rule);
  return { ...a, rule };
}

describe('alert evaluator', () => {
  it('fires once over the window, stays quiet while firing, resolves once, and counts the firing', async () => {
    const a = await setup();
    a.logs.add('t1', [1, 2, 3].map((i) => record(T0 - i * 1000)));
    expect(await a.evaluator.evaluate(a.rule, T0)).toEqual([{ group: null, value: 3, met: true, state: 'firing', committed: true, notified: true }]);
    expect((await a.evaluator.evaluate(a.rule, T0 + MIN))[0]).toMatchObject({ state: 'firing', notified: false });
    // Six minutes on, the records left the window.
    expect((await a.evaluator.evaluate(a.rule, T0 + 6 * MIN))[0]).toMatchObject({ value: 0, state: 'ok', notified: true });
    await a.notifier.whenIdle();
    expect(a.sender.sent.map((s) => [s.message.kind, s.message.value])).toEqual([['firing', 3], ['resolved', 0]]);
    expect(await a.rules.get('t1', 'r1')).toMatchObject({ timesFired: 1, lastFiredAt: T0 });
    const history = await a.states.events('t1', { ruleId: 'r1' }, 10);
    expect(history.map((e) => [e.from, e.to, e.cause])).toEqual([['firing', 'ok', 'evaluator'], ['ok', 'firing', 'evaluator']]);
    expect((await a.states.alerts('t1', {}, 0, 10)).alerts).toMatchObject([{ state: 'resolved', startedAt: T0, firedAt: T0, resolvedAt: T0 + 6 * MIN }]);
    expect(await a.deliveries.forAlert('t1', history[0].alertId!)).toMatchObject([{ kind: 'firing', status: 'sent' }, { kind: 'resolved', status: 'sent' }]);
  });

  it('ends the window LOGNEST_ALERT_DELAY before now', async () => {
    const a = await setup({}, { LOGNEST_ALERT_DELAY: '30s' });
    a.logs.add('t1', [1, 2, 3].map((i) => record(T0 - i * 1000)));
    expect((await a.evaluator.measure(a.rule, T0))[0].value).toBe(0);
    expect((await a.evaluator.measure(a.rule, T0 + 30_000))[0].value).toBe(3);
  });

  it('notifies exactly once when two evaluators race on the same rule', async () => {
    const a = await setup();
    a.logs.add('t1', [1, 2, 3].map((i) => record(T0 - i * 1000)));
    const racers = [a.newEvaluator(), a.newEvaluator(), a.newEvaluator()];
    const outcomes = (await Promise.all(racers.map((e) => e.evaluate(a.rule, T0)))).flat();
    expect(outcomes.filter((o) => o.notified)).toHaveLength(1);
    await a.notifier.whenIdle();
    expect(a.sender.sent).toHaveLength(1);
    expect((await a.states.alerts('t1', {}, 0, 10)).total).toBe(1);
    expect(await a.rules.get('t1', 'r1')).toMatchObject({ timesFired: 1 });
  });

  it('keeps one alert per group, and a group that went silent fires when no data is alerting', async () => {
    const a = await setup({ groupBy: 'service', levels: [], condition: { operator: '<', threshold: 1, windowMs: 5 * MIN }, noData: 'alerting' });
    a.logs.add('t1', [record(T0 - 1000, { service: 'api' }), record(T0 - 1000, { service: 'web' })]);
    expect((await a.evaluator.evaluate(a.rule, T0)).map((o) => [o.group, o.value, o.state])).toEqual([['api', 1, 'ok'], ['web', 1, 'ok']]);
    a.logs.add('t1', [record(T0 + 5 * MIN, { service: 'api' })]);
    const later = await a.evaluator.evaluate(a.rule, T0 + 6 * MIN);
    expect(later.map((o) => [o.group, o.value, o.state])).toEqual([['api', 1, 'ok'], ['web', null, 'firing']]);
    await a.notifier.whenIdle();
    expect(a.sender.sent.map((s) => [s.message.group, s.message.kind])).toEqual([['web', 'firing']]);
    expect((await a.states.events('t1', {}, 10))[0]).toMatchObject({ group: 'web', to: 'firing', cause: 'evaluator (no data)' });
  });

  it('discards a pending alert that never fired, keeping the history of it', async () => {
    const a = await setup({ forMs: 2 * MIN });
    a.logs.add('t1', [1, 2, 3].map((i) => record(T0 - i * 1000)));
    expect((await a.evaluator.evaluate(a.rule, T0))[0].state).toBe('pending');
    expect((await a.states.alerts('t1', { state: 'pending' }, 0, 10)).total).toBe(1);
    expect((await a.evaluator.evaluate(a.rule, T0 + 6 * MIN))[0].state).toBe('ok');
    expect((await a.states.alerts('t1', {}, 0, 10)).total).toBe(0);
    expect((await a.states.events('t1', {}, 10)).map((e) => e.to)).toEqual(['ok', 'pending']);
    await a.notifier.whenIdle();
    expect(a.sender.sent).toEqual([]);
  });

  it('records silenced deliveries instead of sending, while the state still fires', async () => {
    const a = await setup();
    await a.silences.create({ id: 's1', tenantId: 't1', ownerId: null, ownerName: 'x', matchers: { ruleId: 'r1' }, startsAt: T0 - MIN, endsAt: T0 + MIN, comment: null, createdAt: 0 });
    a.logs.add('t1', [1, 2, 3].map((i) => record(T0 - i * 1000)));
    expect((await a.evaluator.evaluate(a.rule, T0))[0].state).toBe('firing');
    await a.notifier.whenIdle();
    expect(a.sender.sent).toEqual([]);
    expect(a.deliveries.all).toMatchObject([{ status: 'silenced', kind: 'firing', attempts: 0 }]);
  });

  it('only reads the rule tenant’s records', async () => {
    const a = await setup();
    a.logs.add('t2', [1, 2, 3].map((i) => record(T0 - i * 1000, { tenantId: 't2' })));
    expect((await a.evaluator.evaluate(a.rule, T0))[0]).toMatchObject({ value: 0, state: 'ok' });
  });
});
