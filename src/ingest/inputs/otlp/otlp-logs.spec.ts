import { decodeJson, decodeProtobuf, OtlpFormatError } from './otlp-logs';
import { otlpLines, severityLevel } from './otlp-record';
import { ProtobufWriter } from './protobuf-reader';

const str = (field: number, value: string) => new ProtobufWriter().stringField(field, value).finish();
const msg = (field: number, ...parts: Buffer[]) => new ProtobufWriter().bytesField(field, Buffer.concat(parts)).finish();
const kv = (field: number, key: string, value: string) => msg(field, str(1, key), msg(2, str(1, value)));

function fixed64(field: number, value: bigint): Buffer {
  const out = Buffer.alloc(9);
  out[0] = (field << 3) | 1;
  out.writeBigUInt64LE(value, 1);
  return out;
}

describe('OTLP logs decoding', () => {
  it('reads an ExportLogsServiceRequest in protobuf, skipping unknown fields', () => {
    const log = Buffer.concat([
      fixed64(1, 1764669600123000000n),
      new ProtobufWriter().varintField(2, 17).finish(),
      msg(5, str(1, 'disk full')),
      kv(6, 'http.request.method', 'get'),
      msg(9, Buffer.from('0102', 'hex')),
      new ProtobufWriter().varintField(99, 5).finish(),
    ]);
    const request = msg(1, msg(1, kv(1, 'service.name', 'api')), msg(2, msg(1, str(1, 'scope')), msg(2, log)));
    const [rl] = decodeProtobuf(request);
    expect(rl.resource).toEqual({ 'service.name': 'api' });
    expect(rl.scopes[0].logs[0]).toMatchObject({ severityNumber: 17, body: 'disk full', traceId: '0102', attributes: { 'http.request.method': 'get' } });
    expect(otlpLines([rl]).map((l) => JSON.parse(l))).toEqual([{
      service: 'api', '@timestamp': '2025-12-02T10:00:00.123Z', level: 'ERROR', message: 'disk full', trace_id: '0102', 'otel.scope.name': 'scope', 'http.request.method': 'get',
    }]);
  });

  it('refuses truncated protobuf and malformed JSON with a reason', () => {
    expect(() => decodeProtobuf(Buffer.from([0x0a, 0x05, 0x01]))).toThrow(OtlpFormatError);
    expect(() => decodeProtobuf(Buffer.from([0x0b]))).toThrow(/invalid protobuf/);
    expect(() => decodeJson('{"resourceLogs": 3}')).toThrow(/resourceLogs must be an array/);
    expect(() => decodeJson('{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"}]}]}]}')).toThrow(/timeUnixNano/);
  });

  it('maps severity numbers in fours and falls back to the text', () => {
    expect([1, 5, 9, 13, 17, 21, 24].map((n) => severityLevel(n, ''))).toEqual(['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL', 'CRITICAL']);
    expect(severityLevel(0, 'warn')).toBe('warn');
    expect(severityLevel(0, '')).toBeUndefined();
  });

  it('keeps an attribute that would shadow a canonical key under attributes.', () => {
    const [rl] = decodeJson(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'b' }, attributes: [{ key: 'message', value: { intValue: '5' } }] }] }] }] }));
    expect(JSON.parse(otlpLines([rl])[0])).toEqual({ message: 'b', 'attributes.message': 5 });
  });
});
