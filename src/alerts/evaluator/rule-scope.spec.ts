import { compileRecordPredicate } from '../../logs/query/record-predicate';
import { parseQuery } from '../../logs/query/query-parser';
import { ruleQuery, ruleQueryText, ruleWindow, searchLink } from './rule-scope';

const rule = { query: 'timeout OR refused', levels: ['ERROR' as const, 'CRITICAL' as const], services: ['api "v2"'], groupBy: 'endpoint' };

describe('rule scope', () => {
  it('covers the window ending at the evaluation end, end inclusive', () => {
    expect(ruleWindow(60_000, 1_000_000)).toEqual({ from: 940_001, to: 1_000_000 });
  });

  it('reads the same records as its query text (the link) does', () => {
    const record = (over: object) => ({
      id: 'x', tenantId: 't', timestamp: 0, ingestedAt: 0, level: 'ERROR', message: 'connection refused', service: 'api "v2"', server: null,
      environment: null, logType: null, correlationId: null, traceId: null, spanId: null, userId: null, clientIp: null, method: null,
      endpoint: '/a\\b', statusCode: null, responseTimeMs: null, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: null,
      fields: {}, ...over,
    }) as never;
    const samples = [record({}), record({ level: 'INFO' }), record({ service: 'web' }), record({ message: 'fine' }), record({ endpoint: '/other' })];
    const fromAst = compileRecordPredicate(ruleQuery(rule, '/a\\b'));
    const fromText = compileRecordPredicate(parseQuery(ruleQueryText(rule, '/a\\b')));
    expect(samples.map(fromAst)).toEqual([true, false, false, false, false]);
    expect(samples.map(fromText)).toEqual(samples.map(fromAst));
    expect(ruleQuery({ query: '', levels: [], services: [], groupBy: null })).toEqual({ kind: 'match_all' });
  });

  it('links to the search page over the window', () => {
    const link = new URL(searchLink('http://logs.example', rule, null, 300_000, Date.UTC(2026, 0, 1)));
    expect(link.pathname).toBe('/search');
    expect(link.searchParams.get('q')).toBe('(timeout OR refused) AND level:("ERROR" OR "CRITICAL") AND service:("api \\"v2\\"")');
    expect(link.searchParams.get('to')).toBe('2026-01-01T00:00:00.000Z');
    expect(link.searchParams.get('range')).toBe('custom');
  });
});
