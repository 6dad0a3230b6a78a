import { LogRecord } from '../logs/log-record';
import { encoderFor, exportFileName } from './export-encoder';

const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  id: 'r1', timestamp: Date.parse('2026-11-20T10:00:00Z'), ingestedAt: Date.parse('2026-11-20T10:00:01Z'), tenantId: 'default',
  level: 'ERROR', message: 'boom, "again"', service: 'api', server: 'h1', environment: null, logType: null,
  correlationId: null, traceId: null, spanId: null, userId: 'u1', clientIp: null, method: 'GET', endpoint: '/x',
  statusCode: 500, responseTimeMs: -1.5, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [],
  fileId: null, patternId: null, fields: { seq: '7', cmd: '=2*3' }, ...over,
});

describe('export encoders', () => {
  it('writes the default CSV columns, extras left out; the header is neutralised like any cell', () => {
    const csv = encoderFor({ format: 'csv', columns: null });
    expect(csv.header()).toBe("@timestamp,level,service,server,environment,method,endpoint,status_code,response_time_ms,user_id,client_ip,correlation_id,trace_id,message\r\n");
    expect(csv.batch([record()])).toBe('2026-11-20T10:00:00.000Z,ERROR,api,h1,,GET,/x,500,-1.5,u1,,,,"boom, ""again"""\r\n');
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
  });

  it('writes chosen CSV columns, extra input keys by name, neutralised', () => {
    const csv = encoderFor({ format: 'csv', columns: ['level', 'seq', 'fields.cmd', 'missing'] });
    expect(csv.header()).toBe('level,seq,fields.cmd,missing\r\n');
    expect(csv.batch([record()])).toBe("ERROR,7,'=2*3,\r\n");
  });

  it('writes whole API records as NDJSON, or only the chosen keys', () => {
    const all = encoderFor({ format: 'ndjson', columns: null });
    expect(all.header()).toBe('');
    const line = JSON.parse(all.batch([record()]).trimEnd());
    expect(line).toMatchObject({ id: 'r1', '@timestamp': '2026-11-20T10:00:00.000Z', fields: { seq: '7', cmd: '=2*3' } });
    const some = encoderFor({ format: 'ndjson', columns: ['level', 'seq'] });
    expect(some.batch([record(), record({ level: 'INFO' })])).toBe('{"level":"ERROR","seq":"7"}\n{"level":"INFO","seq":"7"}\n');
  });

  it('names the file after the UTC time', () => {
    const at = new Date('2025-10-30T12:34:56.789Z');
    expect(exportFileName('csv', false, at)).toBe('logs_export_20251030_123456.csv');
    expect(exportFileName('csv', true, at)).toBe('logs_export_20251030_123456.csv.gz');
    expect(exportFileName('ndjson', false, at)).toBe('logs_export_20251030_123456.ndjson');
  });
});
