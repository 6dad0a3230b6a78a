import { AnyValue, OtlpLogRecord, OtlpResourceLogs } from './otlp-logs';

// SeverityNumber ranges of the OTel logs data model, four numbers per level.
const SEVERITY_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

export function severityLevel(number: number, text: string): string | undefined {
  if (number >= 1 && number <= 24) return SEVERITY_LEVELS[Math.floor((number - 1) / 4)];
  return text || undefined;
}

/** Resource attributes that name canonical fields; the rest are kept under `resource.`. */
const RESOURCE_FIELDS: Record<string, string> = {
  'service.name': 'service',
  'host.name': 'server',
  'deployment.environment.name': 'environment',
  'deployment.environment': 'environment',
};

function message(body: AnyValue): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function timestamp(log: OtlpLogRecord): string | undefined {
  const ns = log.timeUnixNano || log.observedTimeUnixNano;
  return ns > 0n ? new Date(Number(ns / 1_000_000n)).toISOString() : undefined;
}

/**
 * One input record per OTLP log record: canonical keys from the resource and the record,
 * attributes as their own keys (so semantic conventions like `http.request.method` meet the
 * aliases), renamed under `attributes.` where one would shadow a canonical key set here.
 */
export function otlpInputRecord(resource: Record<string, unknown>, scope: { name: string; version: string }, log: OtlpLogRecord): Record<string, unknown> {
  const record: Record<string, unknown> = { ...resource };
  const at = timestamp(log);
  if (at) record['@timestamp'] = at;
  const level = severityLevel(log.severityNumber, log.severityText);
  if (level) record.level = level;
  if (log.body !== undefined && log.body !== null) record.message = message(log.body);
  if (log.traceId) record.trace_id = log.traceId;
  if (log.spanId) record.span_id = log.spanId;
  if (log.eventName) record['event.name'] = log.eventName;
  if (log.severityText && log.severityText !== level) record['severity.text'] = log.severityText;
  if (scope.name) record['otel.scope.name'] = scope.name;
  if (scope.version) record['otel.scope.version'] = scope.version;
  for (const [key, value] of Object.entries(log.attributes)) {
    record[key in record ? `attributes.${key}` : key] = value;
  }
  return record;
}

/** The resource's canonical keys, and its other attributes under `resource.`. */
export function resourceFields(attributes: Record<string, AnyValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const canonical = RESOURCE_FIELDS[key];
    if (canonical && !(canonical in out)) out[canonical] = typeof value === 'string' ? value : JSON.stringify(value);
    else out[`resource.${key}`] = value;
  }
  return out;
}

/** Every log record of a request as an NDJSON line. */
export function otlpLines(request: OtlpResourceLogs[]): string[] {
  const lines: string[] = [];
  for (const rl of request) {
    const resource = resourceFields(rl.resource);
    for (const sl of rl.scopes) for (const log of sl.logs) lines.push(JSON.stringify(otlpInputRecord(resource, sl.scope, log)));
  }
  return lines;
}
