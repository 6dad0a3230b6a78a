// OTLP logs (opentelemetry-proto logs/v1), decoded from protobuf or from OTLP/JSON into one
// shape, then mapped to input records for the ingest pipeline.

import { ProtobufError, ProtobufReader, WIRE } from './protobuf-reader';

export type AnyValue = string | number | boolean | null | AnyValue[] | { [key: string]: AnyValue };

export interface OtlpLogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AnyValue | undefined;
  attributes: Record<string, AnyValue>;
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface OtlpScopeLogs {
  scope: { name: string; version: string };
  logs: OtlpLogRecord[];
}

export interface OtlpResourceLogs {
  resource: Record<string, AnyValue>;
  scopes: OtlpScopeLogs[];
}

export class OtlpFormatError extends Error {}

function newLog(): OtlpLogRecord {
  return { timeUnixNano: 0n, observedTimeUnixNano: 0n, severityNumber: 0, severityText: '', body: undefined, attributes: {}, traceId: '', spanId: '', eventName: '' };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** ExportLogsServiceRequest in protobuf. */
export function decodeProtobuf(buf: Uint8Array): OtlpResourceLogs[] {
  try {
    const out: OtlpResourceLogs[] = [];
    forEachField(new ProtobufReader(buf), (field, r) => (field === 1 ? (out.push(readResourceLogs(r.sub())), true) : false));
    return out;
  } catch (err) {
    if (err instanceof ProtobufError) throw new OtlpFormatError(`invalid protobuf: ${err.message}`);
    throw err;
  }
}

/** Calls `visit` per field; fields it does not take (returns false) are skipped. */
function forEachField(r: ProtobufReader, visit: (field: number, r: ProtobufReader, wire: number) => boolean): void {
  while (!r.done) {
    const { field, wire } = r.tag();
    if (!visit(field, r, wire)) r.skip(wire);
  }
}

function expect(wire: number, wanted: number, what: string): void {
  if (wire !== wanted) throw new ProtobufError(`${what} has wire type ${wire}, expected ${wanted}`);
}

function readResourceLogs(r: ProtobufReader): OtlpResourceLogs {
  const result: OtlpResourceLogs = { resource: {}, scopes: [] };
  forEachField(r, (field, r, wire) => {
    if (field === 1) forEachField(r.sub(), (f, rr) => (f === 1 ? (readKeyValue(rr.sub(), result.resource), true) : false));
    else if (field === 2) result.scopes.push(readScopeLogs(r.sub()));
    else return false;
    expect(wire, WIRE.BYTES, `ResourceLogs field ${field}`);
    return true;
  });
  return result;
}

function readScopeLogs(r: ProtobufReader): OtlpScopeLogs {
  const result: OtlpScopeLogs = { scope: { name: '', version: '' }, logs: [] };
  forEachField(r, (field, r) => {
    if (field === 1) {
      forEachField(r.sub(), (f, rr) => {
        if (f === 1) result.scope.name = rr.string();
        else if (f === 2) result.scope.version = rr.string();
        else return false;
        return true;
      });
    } else if (field === 2) result.logs.push(readLogRecord(r.sub()));
    else return false;
    return true;
  });
  return result;
}

function readLogRecord(r: ProtobufReader): OtlpLogRecord {
  const log = newLog();
  forEachField(r, (field, r, wire) => {
    switch (field) {
      case 1: expect(wire, WIRE.FIXED64, 'time_unix_nano'); log.timeUnixNano = r.fixed64(); break;
      case 11: expect(wire, WIRE.FIXED64, 'observed_time_unix_nano'); log.observedTimeUnixNano = r.fixed64(); break;
      case 2: log.severityNumber = Number(r.varint()); break;
      case 3: log.severityText = r.string(); break;
      case 5: log.body = readAnyValue(r.sub()); break;
      case 6: readKeyValue(r.sub(), log.attributes); break;
      case 9: log.traceId = hex(r.bytes()); break;
      case 10: log.spanId = hex(r.bytes()); break;
      case 12: log.eventName = r.string(); break;
      default: return false;
    }
    return true;
  });
  return log;
}

function readKeyValue(r: ProtobufReader, into: Record<string, AnyValue>): void {
  let key = '';
  let value: AnyValue = null;
  forEachField(r, (field, r) => {
    if (field === 1) key = r.string();
    else if (field === 2) value = readAnyValue(r.sub());
    else return false;
    return true;
  });
  if (key) into[key] = value;
}

function readAnyValue(r: ProtobufReader): AnyValue {
  let value: AnyValue = null;
  forEachField(r, (field, r) => {
    switch (field) {
      case 1: value = r.string(); break;
      case 2: value = r.varint() !== 0n; break;
      case 3: value = Number(BigInt.asIntN(64, r.varint())); break;
      case 4: value = r.double(); break;
      case 5: {
        const values: AnyValue[] = [];
        forEachField(r.sub(), (f, rr) => (f === 1 ? (values.push(readAnyValue(rr.sub())), true) : false));
        value = values;
        break;
      }
      case 6: {
        const kv: Record<string, AnyValue> = {};
        forEachField(r.sub(), (f, rr) => (f === 1 ? (readKeyValue(rr.sub(), kv), true) : false));
        value = kv;
        break;
      }
      case 7: value = Buffer.from(r.bytes()).toString('base64'); break;
      default: return false;
    }
    return true;
  });
  return value;
}

/** ExportLogsServiceRequest in OTLP/JSON (lowerCamelCase; snake_case accepted too). */
export function decodeJson(text: string): OtlpResourceLogs[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new OtlpFormatError(`invalid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new OtlpFormatError('body must be an ExportLogsServiceRequest object');
  return list(pick(parsed, 'resourceLogs', 'resource_logs'), 'resourceLogs').map((rl) => ({
    resource: jsonAttributes(pick(asObject(pick(rl, 'resource')), 'attributes')),
    scopes: list(pick(rl, 'scopeLogs', 'scope_logs'), 'scopeLogs').map((sl) => {
      const scope = asObject(pick(sl, 'scope'));
      return {
        scope: { name: String(pick(scope, 'name') ?? ''), version: String(pick(scope, 'version') ?? '') },
        logs: list(pick(sl, 'logRecords', 'log_records'), 'logRecords').map(jsonLogRecord),
      };
    }),
  }));
}

function jsonLogRecord(o: Record<string, unknown>): OtlpLogRecord {
  const log = newLog();
  log.timeUnixNano = nanos(pick(o, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano');
  log.observedTimeUnixNano = nanos(pick(o, 'observedTimeUnixNano', 'observed_time_unix_nano'), 'observedTimeUnixNano');
  const severity = pick(o, 'severityNumber', 'severity_number');
  log.severityNumber = typeof severity === 'number' ? severity : Number(severity ?? 0) || 0;
  log.severityText = String(pick(o, 'severityText', 'severity_text') ?? '');
  const body = pick(o, 'body');
  log.body = body === undefined ? undefined : jsonAnyValue(body);
  log.attributes = jsonAttributes(pick(o, 'attributes'));
  log.traceId = String(pick(o, 'traceId', 'trace_id') ?? '');
  log.spanId = String(pick(o, 'spanId', 'span_id') ?? '');
  log.eventName = String(pick(o, 'eventName', 'event_name') ?? '');
  return log;
}

function jsonAttributes(value: unknown): Record<string, AnyValue> {
  const out: Record<string, AnyValue> = {};
  for (const kv of list(value, 'attributes')) {
    const key = pick(kv, 'key');
    if (typeof key === 'string' && key) out[key] = jsonAnyValue(pick(kv, 'value'));
  }
  return out;
}

function jsonAnyValue(value: unknown): AnyValue {
  if (!isObject(value)) return null;
  const v = value as Record<string, unknown>;
  const s = pick(v, 'stringValue', 'string_value');
  if (s !== undefined) return String(s);
  const b = pick(v, 'boolValue', 'bool_value');
  if (b !== undefined) return b === true;
  const i = pick(v, 'intValue', 'int_value');
  if (i !== undefined) return Number(i);
  const d = pick(v, 'doubleValue', 'double_value');
  if (d !== undefined) return Number(d);
  const a = pick(v, 'arrayValue', 'array_value');
  if (a !== undefined) return list(pick(asObject(a), 'values'), 'arrayValue.values').map(jsonAnyValue);
  const kv = pick(v, 'kvlistValue', 'kvlist_value');
  if (kv !== undefined) return jsonAttributes(pick(asObject(kv), 'values'));
  const bytes = pick(v, 'bytesValue', 'bytes_value');
  return bytes === undefined ? null : String(bytes);
}

function nanos(value: unknown, name: string): bigint {
  if (value === undefined || value === null || value === '') return 0n;
  try {
    return BigInt(typeof value === 'number' ? Math.trunc(value) : String(value));
  } catch {
    throw new OtlpFormatError(`${name} must be an integer of nanoseconds, got ${JSON.stringify(value)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function pick(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (o[name] !== undefined) return o[name];
  return undefined;
}

function list(value: unknown, name: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpFormatError(`${name} must be an array`);
  return value.map((item) => {
    if (!isObject(item)) throw new OtlpFormatError(`${name} must hold objects`);
    return item;
  });
}
