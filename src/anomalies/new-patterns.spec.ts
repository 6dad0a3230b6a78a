import { LogRecord } from '../logs/log-record';
import { MemoryLogStore } from '../logs/memory/memory-log-store';
import { FakePatternStore } from '../patterns/fake-pattern-store';
import { newPatternAnomalies } from './new-patterns';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

function rec(tenantId: string, at: number, service: string, patternId: string, level: LogRecord['level'] = 'INFO'): LogRecord {
  return {
    id: `${patternId}-${at}`, timestamp: at, ingestedAt: at, tenantId, level, message: 'm', service, server: null, environment: null, logType: null,
    correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null, statusCode: null,
    responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId, fields: {},
  };
}

describe('newPatternAnomalies', () => {
  async function setup() {
    const logs = new MemoryLogStore();
    const patterns = new FakePatternStore();
    const add = async (tenantId: string, id: string, service: string, firstSeen: number, n: number, level: LogRecord['level'] = 'INFO') => {
      await patterns.save(tenantId, [{ id, service, template: `template ${id}`, sample: 's', count: n, firstSeen, lastSeen: firstSeen + (n - 1) * MIN }]);
      logs.add(tenantId, Array.from({ length: n }, (_, i) => rec(tenantId, firstSeen + i * MIN, service, id, level)));
    };
    await add('t1', 'old', 'api', T0, 200);
    return { logs, patterns, add };
  }
  const request = (from: number, to: number, service: string | null = null) => ({ from, to, service, method: 'auto' as const });

  it('reports a pattern first seen in the period after an hour of history, high when it has errors', async () => {
    const { logs, patterns, add } = await setup();
    await add('t1', 'boom', 'api', T0 + 120 * MIN, 5, 'ERROR');
    await add('t1', 'rare', 'api', T0 + 150 * MIN, 2);
    const found = await newPatternAnomalies(logs.read, patterns, 't1', request(T0 + 100 * MIN, T0 + 180 * MIN));
    expect(found).toEqual([expect.objectContaining({
      type: 'pattern_change', metric: 'new_patterns', service: 'api', severity: 'high', actual: 5,
      detectedAt: T0 + 120 * MIN, endedAt: T0 + 125 * MIN, detail: 'new pattern boom template boom',
    })]);
  });

  it('does not alarm on the patterns of a service’s first hour, nor on patterns seen before the period', async () => {
    const { logs, patterns, add } = await setup();
    await add('t1', 'early', 'api', T0 + 10 * MIN, 20);
    await add('t1', 'fresh-service', 'web', T0 + 120 * MIN, 20);
    expect(await newPatternAnomalies(logs.read, patterns, 't1', request(T0, T0 + 180 * MIN))).toEqual([]);
    expect(await newPatternAnomalies(logs.read, patterns, 't1', request(T0 + 60 * MIN, T0 + 180 * MIN))).toEqual([]);
  });

  it('makes a burst of three new patterns of a service one critical incident, and keeps tenants apart', async () => {
    const { logs, patterns, add } = await setup();
    for (const [i, id] of ['a', 'b', 'c'].entries()) await add('t1', id, 'api', T0 + (120 + i * 3) * MIN, 4);
    await add('t2', 'old', 'api', T0, 200);
    await add('t2', 'other', 'api', T0 + 121 * MIN, 50, 'ERROR');
    const t1 = await newPatternAnomalies(logs.read, patterns, 't1', request(T0 + 100 * MIN, T0 + 180 * MIN));
    expect(t1).toEqual([expect.objectContaining({ severity: 'critical', actual: 12, detail: '3 new patterns: a template a | b template b | c template c' })]);
    const t2 = await newPatternAnomalies(logs.read, patterns, 't2', request(T0 + 100 * MIN, T0 + 180 * MIN));
    expect(t2.map((a) => [a.actual, a.severity])).toEqual([[50, 'high']]);
    expect(await newPatternAnomalies(logs.read, patterns, 't1', request(T0 + 100 * MIN, T0 + 180 * MIN, 'web'))).toEqual([]);
  });
});
