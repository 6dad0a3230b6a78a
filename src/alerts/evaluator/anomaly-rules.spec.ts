import { LogRecord } from '../../logs/log-record';
import { newId } from '../../platform/ids';
import { createFakeAlerting } from '../create-fake-alerting';
import { contractRule } from '../rules/alert-rule-store.contract';
import { AlertRule } from '../rules/alert-rule';

const MIN = 60_000;
const END = Date.UTC(2026, 5, 1, 12, 0, 0);

function record(at: number, service: string): LogRecord {
  return {
    id: newId(at), tenantId: 't1', timestamp: at, ingestedAt: at, level: 'INFO', message: 'request', service, server: null, environment: null,
    logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null, statusCode: null,
    responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {},
  };
}

/** Three hours of `perMinute` records a minute for each service, plus `burst` more in each of the last `burstMinutes` minutes of `bursting`. */
function traffic(services: string[], perMinute: number, bursting: string | null, burst: number, burstMinutes = 2): LogRecord[] {
  const out: LogRecord[] = [];
  for (let m = 180; m >= 1; m--) {
    for (const service of services) {
      const n = perMinute + (service === bursting && m <= burstMinutes ? burst : 0);
      for (let i = 0; i < n; i++) out.push(record(END - m * MIN + Math.floor((i * MIN) / n), service));
    }
  }
  return out;
}

async function setup(over: Partial<AlertRule>, records: LogRecord[]) {
  const a = createFakeAlerting();
  await a.channels.create({ id: 'c1', tenantId: 't1', ownerId: null, name: 'log', type: 'console', config: {}, createdAt: 0, updatedAt: 0 });
  const rule = contractRule('r1', {
    query: '', levels: [], services: [], channelIds: ['c1'], groupBy: null,
    aggregation: { type: 'anomaly', field: null, anomaly: { metric: 'log_volume', method: 'robust_zscore', direction: 'any' } },
    condition: { operator: '>', threshold: 0, windowMs: 5 * MIN }, ...over,
  });
  await a.rules.create(rule);
  a.logs.add('t1', records);
  return { ...a, rule };
}

describe('anomaly alert rules', () => {
  it('fires when the watched series is anomalous, and only then', async () => {
    const a = await setup({}, traffic(['api'], 20, 'api', 200));
    // Before the burst the last five minutes were ordinary.
    expect(await a.evaluator.measure(a.rule, END - 3 * MIN)).toEqual([{ group: null, value: 0, met: false }]);
    const [now] = await a.evaluator.evaluate(a.rule, END);
    expect(now).toMatchObject({ group: null, state: 'firing', notified: true });
    expect(now.value).toBeGreaterThan(8);
    await a.notifier.whenIdle();
    expect(a.sender.sent.map((s) => [s.message.kind, s.message.value])).toEqual([['firing', now.value]]);
  });

  it('judges only whole minutes: the burst counts once its minute is over', async () => {
    const a = await setup({}, traffic(['api'], 20, 'api', 200, 1));
    // Up to END - 2 the burst minute still has a millisecond to run.
    expect((await a.evaluator.measure(a.rule, END - 2))[0].value).toBe(0);
    expect((await a.evaluator.measure(a.rule, END))[0].value).toBeGreaterThan(8);
  });

  it('watches each service with group_by service; a quiet service is 0, not no data', async () => {
    const a = await setup({ groupBy: 'service', noData: 'alerting' }, traffic(['api', 'web'], 20, 'api', 200));
    const outcomes = await a.evaluator.evaluate(a.rule, END);
    expect(outcomes.map((o) => [o.group, o.state])).toEqual([['api', 'firing']]);
    // Ten minutes on the burst left the window: api resolves, and is judged 0 rather than silent.
    a.logs.add('t1', Array.from({ length: 10 }, (_, m) => Array.from({ length: 20 }, (_, i) => [record(END + m * MIN + i * 3000, 'api'), record(END + m * MIN + i * 3000, 'web')]).flat()).flat());
    const later = await a.evaluator.evaluate(a.rule, END + 10 * MIN);
    expect(later.map((o) => [o.group, o.value, o.state])).toEqual([['api', 0, 'ok']]);
    await a.notifier.whenIdle();
    expect(a.sender.sent.map((s) => [s.message.group, s.message.kind])).toEqual([['api', 'firing'], ['api', 'resolved']]);
  });

  it('reads only the rule’s records and direction', async () => {
    const records = traffic(['api'], 20, 'api', 200);
    const drops = await setup({ aggregation: { type: 'anomaly', field: null, anomaly: { metric: 'log_volume', method: 'robust_zscore', direction: 'drop' } } }, records);
    expect((await drops.evaluator.measure(drops.rule, END))[0].value).toBe(0);
    const others = await setup({ services: ['web'] }, records);
    expect((await others.evaluator.measure(others.rule, END))[0].value).toBe(0);
    const stronger = await setup({ condition: { operator: '>', threshold: 1_000, windowMs: 5 * MIN } }, records);
    expect((await stronger.evaluator.measure(stronger.rule, END))[0]).toMatchObject({ met: false });
  });
});
