import { NormalizedRecord, TIMESTAMP_MISSING_TAG } from '../log-record';
import { normalizeRecord, NormalizeOptions } from './record-normalizer';

const NOW = Date.UTC(2024, 11, 10, 12);
const T = Date.UTC(2024, 11, 10, 6, 55, 46);

function normalize(input: unknown, options: Partial<NormalizeOptions> = {}): NormalizedRecord {
  const result = normalizeRecord(input as Record<string, unknown>, { now: NOW, ...options });
  if ('error' in result) throw new Error(`unexpected error: ${result.error}`);
  return result.record;
}

describe('normalizeRecord', () => {
  it('maps a typical application log with canonical names', () => {
    const record = normalize({
      timestamp: '2024-12-10T06:55:46Z',
      level: 'error',
      message: 'payment failed',
      service: 'payments',
      server: 'web-1',
      environment: 'prod',
      correlation_id: 'c-1',
      trace_id: 't-1',
      span_id: 's-1',
      user_id: 'u-1',
      client_ip: '10.0.0.1',
      method: 'post',
      endpoint: '/api/pay',
      status_code: 502,
      response_time_ms: 12.5,
      user_agent: 'curl/8',
      sql_query: 'select 1',
      query_duration_ms: 3,
      log_type: 'application',
      tags: ['billing', 'eu'],
      order_id: 42,
    });
    expect(record).toEqual({
      timestamp: T,
      level: 'ERROR',
      message: 'payment failed',
      service: 'payments',
      server: 'web-1',
      environment: 'prod',
      logType: 'application',
      correlationId: 'c-1',
      traceId: 't-1',
      spanId: 's-1',
      userId: 'u-1',
      clientIp: '10.0.0.1',
      method: 'POST',
      endpoint: '/api/pay',
      statusCode: 502,
      responseTimeMs: 12.5,
      userAgent: 'curl/8',
      sqlQuery: 'select 1',
      queryDurationMs: 3,
      tags: ['billing', 'eu'],
      fields: { order_id: '42' },
    });
  });

  it('maps aliases case-insensitively', () => {
    const record = normalize({
      '@timestamp': 1733813746000,
      Severity: 'WARN',
      MSG: 'slow',
      App: 'api',
      HostName: 'h1',
      ENV: 'staging',
      'X-Request-ID': 'r-9',
      traceId: 'tr',
      spanId: 'sp',
      uid: 'u',
      remote_addr: '1.2.3.4',
      http_method: 'GET',
      route: '/r',
      statusCode: '404',
      latency_ms: '7',
      userAgent: 'ua',
      query: 'select 2',
      db_duration_ms: '1.5',
      type: 'access',
    });
    expect(record).toMatchObject({
      timestamp: T,
      level: 'WARNING',
      message: 'slow',
      service: 'api',
      server: 'h1',
      environment: 'staging',
      correlationId: 'r-9',
      traceId: 'tr',
      spanId: 'sp',
      userId: 'u',
      clientIp: '1.2.3.4',
      method: 'GET',
      endpoint: '/r',
      statusCode: 404,
      responseTimeMs: 7,
      userAgent: 'ua',
      sqlQuery: 'select 2',
      queryDurationMs: 1.5,
      logType: 'access',
      fields: {},
    });
  });

  it('flattens nested objects with dots before mapping aliases', () => {
    const record = normalize({
      time: '2024-12-10T06:55:46Z',
      log: { level: 'warn' },
      service: { name: 'checkout' },
      host: { name: 'node-3', ip: ['10.0.0.3'] },
      http: { method: 'GET', status_code: 200, request: { headers: { accept: 'json' } } },
      trace: { id: 'abc' },
      message: 'ok',
    });
    expect(record.level).toBe('WARNING');
    expect(record.service).toBe('checkout');
    expect(record.server).toBe('node-3');
    expect(record.method).toBe('GET');
    expect(record.statusCode).toBe(200);
    expect(record.traceId).toBe('abc');
    expect(record.fields).toEqual({ 'host.ip': '["10.0.0.3"]', 'http.request.headers.accept': 'json' });
  });

  it('keeps the lower-priority alias in fields when two aliases of one field are present', () => {
    const record = normalize({ time: '2020-01-01T00:00:00Z', timestamp: '2024-12-10T06:55:46Z', msg: 'b', message: 'a' });
    expect(record.timestamp).toBe(T);
    expect(record.message).toBe('a');
    expect(record.fields).toEqual({ time: '2020-01-01T00:00:00Z', msg: 'b' });
  });

  it('honours options.timestampField above every alias', () => {
    const record = normalize({ timestamp: '2020-01-01T00:00:00Z', EventTime: '2024-12-10T06:55:46Z', msg: 'x' }, {
      timestampField: 'eventtime',
    });
    expect(record.timestamp).toBe(T);
    expect(record.fields).toEqual({ timestamp: '2020-01-01T00:00:00Z' });
    expect(record.tags).toEqual([]);
  });

  it('uses now and tags the record when the timestamp is missing', () => {
    const record = normalize({ msg: 'no time' });
    expect(record.timestamp).toBe(NOW);
    expect(record.tags).toEqual([TIMESTAMP_MISSING_TAG]);
  });

  it('uses now, tags the record and keeps the original when the timestamp is invalid', () => {
    const record = normalize({ ts: 'yesterday-ish', msg: 'x', tags: 'a' });
    expect(record.timestamp).toBe(NOW);
    expect(record.tags).toEqual(['a', TIMESTAMP_MISSING_TAG]);
    expect(record.fields).toEqual({ ts: 'yesterday-ish' });
  });

  it('defaults the level to INFO and keeps an unknown level in fields.original_level', () => {
    expect(normalize({ msg: 'x' }).level).toBe('INFO');
    const record = normalize({ msg: 'x', level: 'LOUD' });
    expect(record.level).toBe('INFO');
    expect(record.fields).toEqual({ original_level: 'LOUD' });
  });

  it('understands pino numeric levels and epoch seconds', () => {
    const record = normalize({ level: 50, time: 1733813746, msg: 'pino' });
    expect(record.level).toBe('ERROR');
    expect(record.timestamp).toBe(T);
  });

  it('keeps unparsable numbers in fields instead of rejecting the record', () => {
    const record = normalize({ msg: 'x', status: 'ok', response_time: 'fast', query_duration_ms: -4 });
    expect(record.statusCode).toBeNull();
    expect(record.responseTimeMs).toBeNull();
    expect(record.queryDurationMs).toBeNull();
    expect(record.fields).toEqual({ status: 'ok', response_time: 'fast', query_duration_ms: '-4' });
  });

  it('reads durations with units and rejects non-integer status codes', () => {
    expect(normalize({ msg: 'x', duration_ms: '120ms' }).responseTimeMs).toBe(120);
    expect(normalize({ msg: 'x', duration_ms: '1.5s' }).responseTimeMs).toBe(1500);
    expect(normalize({ msg: 'x', duration_ms: '250us' }).responseTimeMs).toBe(0.25);
    const record = normalize({ msg: 'x', status_code: 200.5 });
    expect(record.statusCode).toBeNull();
    expect(record.fields.status_code).toBe('200.5');
  });

  it('splits comma-separated tags and cleans array tags', () => {
    expect(normalize({ msg: 'x', ts: T, tags: ' a, b ,,c ' }).tags).toEqual(['a', 'b', 'c']);
    expect(normalize({ msg: 'x', ts: T, tags: ['a', '', null, 7] }).tags).toEqual(['a', '7']);
  });

  it('stringifies unknown values for fields', () => {
    const record = normalize({ msg: 'x', ok: true, n: 1.5, list: [1, { a: 2 }], big: 10n, nothing: null });
    expect(record.fields).toEqual({ ok: 'true', n: '1.5', list: '[1,{"a":2}]', big: '10' });
  });

  it('keeps a `__proto__` key as an ordinary field', () => {
    const record = normalize(JSON.parse('{"msg":"x","__proto__":"p"}'));
    expect(Object.keys(record.fields)).toEqual(['__proto__']);
    expect(record.fields['__proto__']).toBe('p');
    expect(Object.getPrototypeOf(record.fields)).toBe(Object.prototype);
  });

  it('turns a non-string message into text', () => {
    expect(normalize({ message: 42 }).message).toBe('42');
    expect(normalize({ message: ['a', 'b'] }).message).toBe('["a","b"]');
  });

  it('accepts a record without a message when it has other content', () => {
    const record = normalize({ status: 200, path: '/health' });
    expect(record.message).toBe('');
    expect(record.endpoint).toBe('/health');
  });

  it('applies defaults only where the input has no value', () => {
    const defaults = { service: 'fallback', environment: 'dev' };
    expect(normalize({ msg: 'x' }, { defaults })).toMatchObject({ service: 'fallback', environment: 'dev' });
    expect(normalize({ msg: 'x', app: 'own', env: 'prod' }, { defaults })).toMatchObject({ service: 'own', environment: 'prod' });
  });

  it('treats empty strings in keyword fields as absent', () => {
    expect(normalize({ msg: 'x', service: '' }, { defaults: { service: 'd' } }).service).toBe('d');
  });

  it.each<[unknown, string]>([
    [null, 'record is not a JSON object'],
    [[{ msg: 'x' }], 'record is not a JSON object'],
    ['text', 'record is not a JSON object'],
    [42, 'record is not a JSON object'],
    [{}, 'record is empty'],
    [{ a: null, b: {} }, 'record is empty'],
  ])('rejects %p', (input, error) => {
    expect(normalizeRecord(input as Record<string, unknown>, { now: NOW })).toEqual({ error });
  });

  it('does not leak state between calls', () => {
    normalize({ msg: 'first', service: 's', extra: 'e', level: 'bogus' });
    const second = normalize({ msg: 'second' });
    expect(second.service).toBeNull();
    expect(second.fields).toEqual({});
    expect(second.level).toBe('INFO');
  });

  it('keeps deeply nested objects as JSON beyond the flattening depth', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 1 } } } } } } } } } };
    const record = normalize({ msg: 'x', ...deep });
    expect(record.fields).toEqual({ 'a.b.c.d.e.f.g.h.i': '{"j":1}' });
  });
});
