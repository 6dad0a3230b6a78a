import { LogRecord } from '../logs/log-record';
import { MemoryLogStore } from '../logs/memory/memory-log-store';
import { FakePatternStore } from '../patterns/fake-pattern-store';
import { patternChangeAnomalies as newPatternAnomalies } from './pattern-changes';
import { rateChanges } from './pattern-rates';
import { mulberry32 } from './detectors/isolation-forest';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

function rec(tenantId: string, at: number, service: string, patternId: string, level: LogRecord['level'] = 'INFO'): LogRecord {
  return {
    id: `${patternId}-${at}`, timestamp: at, ingestedAt: at, tenantId, level, message: 'm', service, server: null, environment: null, logType: null,
    correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: null, statusCode: null,
    responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null, patternId, fields: {},
  };
}

describe('patternChangeAnomalies', () => {
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
    // A new pattern that keeps going becomes part of its service's baseline: the burst is its first minutes.
    const t2 = await newPatternAnomalies(logs.read, patterns, 't2', request(T0 + 100 * MIN, T0 + 180 * MIN));
    expect(t2).toEqual([expect.objectContaining({ detectedAt: T0 + 121 * MIN, severity: 'high', metric: 'new_patterns' })]);
    expect(t2[0].actual).toBeGreaterThanOrEqual(10);
    expect(t2[0].actual).toBeLessThan(50);
    expect(await newPatternAnomalies(logs.read, patterns, 't1', request(T0 + 100 * MIN, T0 + 180 * MIN, 'web'))).toEqual([]);
  });
});

describe('rateChanges', () => {
  const day = 1500 + 600;
  /** A service of four patterns at 40%, 30%, 20% and 10% of `perMinute(i)` records, Poisson-like. */
  function service(perMinute: (i: number) => number, seed = 3) {
    const random = mulberry32(seed);
    // Knuth's method: fine for the small rates here.
    const poisson = (lambda: number) => {
      let k = 0;
      for (let p = random(); p > Math.exp(-lambda); p *= random()) k++;
      return k;
    };
    return [0.4, 0.3, 0.2, 0.1].map((share, id) => ({ id: `p${id}`, counts: Array.from({ length: day }, (_, i) => poisson(share * perMinute(i))) }));
  }
  const busy = (i: number) => ((i % 1440) >= 540 && (i % 1440) < 1020 ? 60 : 10);

  it('stays quiet on seasonal, noisy traffic and on a traffic spike that lifts every pattern alike', () => {
    expect(rateChanges(service(busy), 1500)).toEqual([]);
    const spiky = service((i) => (i >= 1700 && i < 1710 ? 5 * busy(i) : busy(i)));
    expect(rateChanges(spiky, 1500)).toEqual([]);
  });

  it('finds a known pattern whose rate jumps against its share, from the minute it starts', () => {
    const patterns = service(busy);
    const rare = patterns[3].counts as number[];
    for (let i = 1800; i < 1815; i++) rare[i] += 6;
    const found = rateChanges(patterns, 1500);
    // The windows that alarm reach back and on up to 14 minutes: the run covers the jump and its windows.
    expect(found).toEqual([expect.objectContaining({ id: 'p3' })]);
    expect(found[0].from).toBeGreaterThanOrEqual(1786);
    expect(found[0].from).toBeLessThanOrEqual(1800);
    expect(found[0].to).toBeGreaterThanOrEqual(1812);
    expect(found[0].to).toBeLessThanOrEqual(1815 + 14);
    expect(found[0].actual).toBeGreaterThan(3 * found[0].expected);
  });

  it('finds the burst of a pattern unseen for a day, three records in a quiet night', () => {
    const patterns = [...service(() => 4), { id: 'new', counts: Array.from({ length: day }, (_, i) => (i >= 2000 && i < 2010 && i % 3 === 0 ? 1 : 0)) }];
    expect(rateChanges(patterns, 1500)).toEqual([expect.objectContaining({ id: 'new', from: 2001, to: 2008, actual: 3, expected: 0 })]);
  });
});
