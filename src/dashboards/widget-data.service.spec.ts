import { LogRecord } from '../logs/log-record';
import { MemoryLogStore } from '../logs/memory/memory-log-store';
import { newId } from '../platform/ids';
import { TimeRange, Widget } from './dashboard';
import { WidgetDataService } from './widget-data.service';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const LAST_HOUR: TimeRange = { range: '1h', from: null, to: null };

const record = (over: Partial<LogRecord>): LogRecord => ({
  id: newId(NOW), timestamp: NOW - MIN, ingestedAt: NOW, tenantId: 'a', level: 'INFO', message: 'request served', service: 'api', server: null,
  environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null,
  method: null, endpoint: null, statusCode: 200, responseTimeMs: null, userAgent: null, sqlQuery: null,
  queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {}, ...over,
});

const widget = (over: Partial<Widget>): Widget => ({
  id: 'w1', title: 't', type: 'count_over_time', query: '', field: null, stat: null, limit: null, columns: [], width: 6, height: 2, timeRange: null, ...over,
});

describe('WidgetDataService', () => {
  let service: WidgetDataService;
  beforeEach(() => {
    const memory = new MemoryLogStore();
    memory.add('a', [
      record({ level: 'ERROR', service: 'payment', timestamp: NOW - 5 * MIN, responseTimeMs: 100, fields: { region: 'eu' } }),
      record({ level: 'ERROR', service: 'payment', timestamp: NOW - 4 * MIN, responseTimeMs: 300, fields: { region: 'us' } }),
      record({ level: 'INFO', service: 'api', timestamp: NOW - 4 * MIN, responseTimeMs: 50, fields: { region: 'eu' } }),
      record({ level: 'INFO', service: 'auth', timestamp: NOW - 2 * HOUR + 30 * MIN, message: 'an hour earlier' }),
      record({ level: 'INFO', service: null, timestamp: NOW - 3 * MIN }),
    ]);
    memory.add('b', [record({ level: 'ERROR', service: 'payment', timestamp: NOW - 4 * MIN, message: 'tenant b secret' })]);
    service = new WidgetDataService(memory.read);
  });

  it('counts records per level over time in round buckets covering the whole range, empty ones as zero', async () => {
    const data = await service.data('a', widget({ type: 'count_over_time' }), LAST_HOUR, NOW);
    if (data.type !== 'count_over_time') throw new Error(data.type);
    expect(data.intervalMs).toBe(MIN);
    expect(data.buckets).toHaveLength(61);
    expect(data.buckets.reduce((n, b) => n + b.total, 0)).toBe(4);
    expect(data.buckets.find((b) => b.start === NOW - 4 * MIN)).toEqual({ start: NOW - 4 * MIN, counts: { ERROR: 1, INFO: 1 }, total: 2 });
    expect(data.buckets[0].counts).toEqual({});
  });

  it('ranks the values of a field, with the rest as other and only the caller’s tenant counted', async () => {
    const data = await service.data('a', widget({ type: 'top_values', field: 'service', limit: 1 }), LAST_HOUR, NOW);
    expect(data).toMatchObject({ type: 'top_values', values: [{ value: 'payment', count: 2 }], total: 4, other: 1 });
    const extra = await service.data('a', widget({ type: 'pie', field: 'region', limit: 5 }), LAST_HOUR, NOW);
    expect(extra).toMatchObject({ values: [{ value: 'eu', count: 2 }, { value: 'us', count: 1 }], other: 0 });
  });

  it('gives a number with the same span before it as its trend', async () => {
    const errors = await service.data('a', widget({ type: 'number', stat: 'count', query: 'level:ERROR' }), LAST_HOUR, NOW);
    expect(errors).toMatchObject({ type: 'number', value: 2, previous: 0 });
    const all = await service.data('a', widget({ type: 'number', stat: 'count' }), LAST_HOUR, NOW);
    expect(all).toMatchObject({ value: 4, previous: 1 });
    const p95 = await service.data('a', widget({ type: 'number', stat: 'max', field: 'response_time_ms' }), LAST_HOUR, NOW);
    expect(p95).toMatchObject({ value: 300, previous: null });
  });

  it('draws a numeric field’s stat over time, null where no record has it', async () => {
    const data = await service.data('a', widget({ type: 'field_over_time', stat: 'max', field: 'response_time_ms' }), LAST_HOUR, NOW);
    if (data.type !== 'field_over_time') throw new Error(data.type);
    expect(data.points.find((p) => p.start === NOW - 4 * MIN)).toEqual({ start: NOW - 4 * MIN, value: 300, count: 2 });
    expect(data.points.find((p) => p.start === NOW - 10 * MIN)).toEqual({ start: NOW - 10 * MIN, value: null, count: 0 });
  });

  it('lists the latest matching records, newest first, up to the limit', async () => {
    const data = await service.data('a', widget({ type: 'latest_records', query: 'payment OR level:ERROR', limit: 1, columns: ['message'] }), LAST_HOUR, NOW);
    if (data.type !== 'latest_records') throw new Error(data.type);
    expect(data.total).toBe(2);
    expect(data.records.map((r) => r.timestamp)).toEqual([NOW - 4 * MIN]);
    expect(data.records[0].tenantId).toBe('a');
  });

  it('lets a widget’s own range win over the dashboard’s', async () => {
    const own = widget({ type: 'number', stat: 'count', query: 'service:auth', timeRange: { range: '6h', from: null, to: null } });
    expect(await service.data('a', own, LAST_HOUR, NOW)).toMatchObject({ value: 1 });
    expect(await service.data('a', { ...own, timeRange: null }, LAST_HOUR, NOW)).toMatchObject({ value: 0 });
    const custom: TimeRange = { range: 'custom', from: new Date(NOW - 3 * HOUR).toISOString(), to: new Date(NOW - HOUR).toISOString() };
    expect(await service.data('a', { ...own, timeRange: null }, custom, NOW)).toMatchObject({ value: 1 });
  });
});
