import { CANONICAL_FIELDS, LogRecord } from './log-record';

/**
 * The stored shape of a record: canonical wire names (`@timestamp` is `ts`), `fields` as an
 * object. Stores take it from spooled JSON lines and give it back from their rows.
 */
export type StoredRecord = Record<string, unknown>;

export function toStoredJson(r: LogRecord): string {
  return JSON.stringify({
    id: r.id, tenant_id: r.tenantId, ts: r.timestamp, ingested_at: r.ingestedAt, level: r.level, message: r.message,
    service: r.service, server: r.server, environment: r.environment, log_type: r.logType,
    correlation_id: r.correlationId, trace_id: r.traceId, span_id: r.spanId, user_id: r.userId, client_ip: r.clientIp,
    method: r.method, endpoint: r.endpoint, status_code: r.statusCode, response_time_ms: r.responseTimeMs,
    user_agent: r.userAgent, sql_query: r.sqlQuery, query_duration_ms: r.queryDurationMs, tags: r.tags,
    file_id: r.fileId, fields: r.fields,
  });
}

export function fromStored(row: StoredRecord): LogRecord {
  const record = {} as Record<string, unknown>;
  for (const [wire, { prop }] of Object.entries(CANONICAL_FIELDS)) {
    const value = row[wire === '@timestamp' ? 'ts' : wire];
    record[prop] = value === undefined ? null : value;
  }
  const fields = row.fields;
  record.fields = typeof fields === 'string' ? JSON.parse(fields) : (fields ?? {});
  record.tags = (row.tags as string[] | null) ?? [];
  record.tenantId = row.tenant_id;
  return record as unknown as LogRecord;
}

/** The API form of a record: wire names, ISO timestamps, extra input keys under `fields`. */
export function toApiRecord(r: LogRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [wire, { prop }] of Object.entries(CANONICAL_FIELDS)) {
    const value = r[prop];
    out[wire] = prop === 'timestamp' || prop === 'ingestedAt' ? new Date(value as number).toISOString() : value;
  }
  out.fields = r.fields;
  return out;
}
