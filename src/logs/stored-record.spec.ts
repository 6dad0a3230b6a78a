import { LogRecord } from './log-record';
import { normalizeRecord } from './normalize/record-normalizer';
import { apiJsonOfStored, fromStored, stampedJson, toApiRecord } from './stored-record';

describe('toApiRecord', () => {
  const record = (ts: number, ingested: number) => fromStored({ id: `r${ts}`, tenant_id: 't', ts, ingested_at: ingested, level: 'INFO', message: 'm', fields: { a: 1 } }) as LogRecord;

  it('formats each date field of each record, however the values repeat or alternate', () => {
    const times = [[0, 5], [0, 5], [1_700_000_000_123, 5], [0, 1_700_000_000_999], [0, 1_700_000_000_999]];
    for (const [ts, ingested] of times) {
      const api = toApiRecord(record(ts, ingested));
      expect(api['@timestamp']).toBe(new Date(ts).toISOString());
      expect(api.ingested_at).toBe(new Date(ingested).toISOString());
      expect(api.fields).toEqual({ a: 1 });
      expect(api.tenant_id).toBeUndefined();
    }
  });
});

describe('apiJsonOfStored', () => {
  const inputs: Record<string, unknown>[] = [
    { message: 'plain' },
    { timestamp: '2026-03-01T10:00:00.5Z', level: 'error', service: 'api', message: 'payment failed', status_code: 502, response_time_ms: 12.5, tags: ['a', 'b'] },
    { '@timestamp': 1_700_000_000_000, msg: 'quote " backslash \\ newline \n and \u2028', host: 'h1', env: 'prod', extra: { nested: true }, n: 3 },
    { message: 'lone \ud800 surrogate', user: 'ü', method: 'GET', path: '/api/orders/7?x="1"', trace_id: 'abc', tenant_id: 'not-the-tenant' },
    { message: '{"id":"x","tenant_id":"y"}', level: 'WARN', query_duration_ms: 0, sql: 'SELECT 1' },
  ];
  const stamps = [
    { id: '0000000001abc', tenantId: 't', ingestedAt: 1_700_000_000_999, fileId: null, patternId: null },
    { id: 'z9', tenantId: 'tenant-with-dash', ingestedAt: 5, fileId: 'file-1', patternId: 'p-1' },
  ];

  it('parses to the API record read back from the stored line, in its key order, for any record and stamp', () => {
    for (const input of inputs) {
      const normalized = normalizeRecord(input, { now: 1_750_000_000_000 });
      if ('error' in normalized) throw new Error(normalized.error);
      for (const stamp of stamps) {
        const line = stampedJson(normalized.record, stamp);
        const readBack = { ...fromStored(JSON.parse(line)), tenantId: stamp.tenantId };
        const json = apiJsonOfStored(line, stamp, normalized.record.timestamp);
        const api = toApiRecord(readBack);
        // The same value and key order (a repaired surrogate may stay escaped: `\\ufffd`).
        expect(JSON.parse(json)).toEqual(api);
        expect(Object.keys(JSON.parse(json))).toEqual(Object.keys(api));
      }
    }
  });
});
