import { LogRecord } from '../log-record';
import { parseQuery } from './query-parser';
import { compileRecordPredicate, compileScopePredicate } from './record-predicate';

// The operator semantics are judged by log-store.contract.ts through the memory store; this
// covers what the live tailer and alerts add: the scope (tenant, time range) around a query.
const record = (over: Partial<LogRecord>): LogRecord => ({
  id: 'x', timestamp: 1000, ingestedAt: 1000, tenantId: 'a', level: 'ERROR', message: 'Payment timeout', service: 'pay',
  server: null, environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null,
  clientIp: null, method: null, endpoint: null, statusCode: 504, responseTimeMs: null, userAgent: null, sqlQuery: null,
  queryDurationMs: null, tags: [], fileId: null, patternId: null, fields: {}, ...over,
});

describe('record predicate', () => {
  it('matches a query on one record', () => {
    const matches = compileRecordPredicate(parseQuery('timeout AND status_code:>=500 -service:auth'));
    expect(matches(record({}))).toBe(true);
    expect(matches(record({ service: 'auth' }))).toBe(false);
    expect(matches(record({ message: 'timeouts' }))).toBe(false);
  });

  it('confines a scope to its tenant and inclusive whole-millisecond time range', () => {
    const inScope = compileScopePredicate({ tenantId: 'a', query: parseQuery('level:ERROR'), from: 1000.7, to: 2000 });
    expect(inScope(record({}))).toBe(true);
    expect(inScope(record({ timestamp: 2000 }))).toBe(true);
    expect(inScope(record({ timestamp: 999 }))).toBe(false);
    expect(inScope(record({ timestamp: 2001 }))).toBe(false);
    expect(inScope(record({ tenantId: 'b' }))).toBe(false);
    expect(inScope(record({ level: 'INFO' }))).toBe(false);
  });
});
