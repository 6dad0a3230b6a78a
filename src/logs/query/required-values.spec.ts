import { LogRecord } from '../log-record';
import { parseQuery } from './query-parser';
import { compileRecordPredicate, fieldText } from './record-predicate';
import { requiredValues } from './required-values';

const record = (service: string | null, message = 'payment failed', level = 'ERROR'): LogRecord =>
  ({ id: 'r', tenantId: 't', timestamp: 0, level, message, service, server: 'h1', fields: { service: 'x' }, tags: [] }) as unknown as LogRecord;

describe('requiredValues', () => {
  const values = (q: string) => {
    const set = requiredValues(parseQuery(q), 'service');
    return set === null ? null : [...set].sort();
  };

  it('reads the services a query pins, through AND and OR', () => {
    expect(values('service:api')).toEqual(['api']);
    expect(values('service:"web app" AND level:ERROR')).toEqual(['web app']);
    expect(values('(service:a OR service:b) AND timeout')).toEqual(['a', 'b']);
    expect(values('service:(a OR b) AND service:a')).toEqual(['a']);
    expect(values('service:a OR level:ERROR')).toBeNull();
    expect(values('-service:a')).toBeNull();
    expect(values('NOT service:a')).toBeNull();
    expect(values('service:a*')).toBeNull();
    expect(values('timeout')).toBeNull();
    expect(requiredValues(parseQuery('level:ERROR'), 'level')).toBeNull(); // not a keyword field
  });

  it('never excludes a record the predicate accepts', () => {
    const queries = ['service:api', 'service:api AND payment', '(service:api OR service:web) AND level:ERROR', 'service:(api OR web) -level:INFO', 'service:"api"'];
    const records = ['api', 'web', 'API', 'api ', null, ''].flatMap((s) => [record(s), record(s, 'ok', 'INFO')]);
    for (const q of queries) {
      const matches = compileRecordPredicate(parseQuery(q));
      const allowed = requiredValues(parseQuery(q), 'service')!;
      for (const r of records) if (matches(r)) expect(allowed.has(fieldText(r, 'service') as string)).toBe(true);
    }
  });
});
