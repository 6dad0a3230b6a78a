import { LogRecord } from './log-record';
import { fromStored, toApiRecord } from './stored-record';

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
