import { CANONICAL_FIELDS, LogRecord, NormalizedRecord } from './log-record';

/**
 * The stored shape of a record: canonical wire names (`@timestamp` is `ts`), `fields` as an
 * object. Stores take it from spooled JSON lines and give it back from their rows.
 */
export type StoredRecord = Record<string, unknown>;

/** What the ingest pipeline stamps on a normalized record. */
export type RecordStamp = Pick<LogRecord, 'id' | 'tenantId' | 'ingestedAt' | 'fileId' | 'patternId'>;

export function toStoredJson(r: LogRecord): string {
  return stampedJson(r, r);
}

/**
 * The stored JSON of a normalized record and its stamp, built without copying the record
 * first: an object spread per record made ingest 5x slower (docs/decisions/0002).
 */
export function stampedJson(r: NormalizedRecord, stamp: RecordStamp): string {
  return wellFormedJson(JSON.stringify({
    id: stamp.id, tenant_id: stamp.tenantId, ts: r.timestamp, ingested_at: stamp.ingestedAt, level: r.level, message: r.message,
    service: r.service, server: r.server, environment: r.environment, log_type: r.logType,
    correlation_id: r.correlationId, trace_id: r.traceId, span_id: r.spanId, user_id: r.userId, client_ip: r.clientIp,
    method: r.method, endpoint: r.endpoint, status_code: r.statusCode, response_time_ms: r.responseTimeMs,
    user_agent: r.userAgent, sql_query: r.sqlQuery, query_duration_ms: r.queryDurationMs, tags: r.tags,
    file_id: stamp.fileId, pattern_id: stamp.patternId, fields: r.fields,
  }));
}

// JSON.stringify writes a lone UTF-16 surrogate as an escape (`\ud800`); DuckDB's reader
// refuses the whole file for it. Each becomes U+FFFD, as a UTF-8 decoder would make of it
// (docs/decisions/0011). After an escaped backslash (`\\\\ud800`), `ud800` is text, not an escape.
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

export function wellFormedJson(json: string): string {
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : json;
}

/**
 * ISO text of epoch milliseconds, remembering the last one: a commit's records share their
 * ingested_at (and a burst its timestamp), and toISOString per record was a tenth of the
 * live tail's cost (docs/decisions/0150). One per date field.
 */
class IsoDates {
  private lastMs = NaN;
  private lastIso = '';

  of(ms: number): string {
    if (ms !== this.lastMs) {
      this.lastIso = new Date(ms).toISOString();
      this.lastMs = ms;
    }
    return this.lastIso;
  }
}

/** Per canonical field: its stored column, record property, API name and whether it is a date; computed once, as these run per record. */
const FIELD_MAP = Object.entries(CANONICAL_FIELDS).map(([wire, { prop }]) => ({
  column: wire === '@timestamp' ? 'ts' : wire,
  prop,
  wire,
  date: prop === 'timestamp' || prop === 'ingestedAt' ? new IsoDates() : null,
}));

export function fromStored(row: StoredRecord): LogRecord {
  const record = {} as Record<string, unknown>;
  for (const { column, prop } of FIELD_MAP) {
    const value = row[column];
    record[prop] = value === undefined ? null : value;
  }
  const fields = row.fields;
  record.fields = typeof fields === 'string' ? JSON.parse(fields) : (fields ?? {});
  record.tags = (row.tags as string[] | null) ?? [];
  record.tenantId = row.tenant_id;
  return record as unknown as LogRecord;
}

const apiTimestamps = new IsoDates();
const apiIngestedAt = new IsoDates();

/**
 * The API JSON of a record (JSON.stringify(toApiRecord(r)) of the record read back) from its
 * stored line (stampedJson's) and its stamp, without parsing the line: after `ingested_at`
 * the two share their keys, in order, and their values, so only the head is rewritten
 * (`ts` becomes `@timestamp`, dates become ISO text, `tenant_id` goes). Where records are
 * prepared, this is how the live tail gets its JSON (docs/decisions/0151).
 */
export function apiJsonOfStored(line: string, stamp: Pick<RecordStamp, 'id' | 'tenantId' | 'ingestedAt'>, timestamp: number): string {
  const id = JSON.stringify(stamp.id);
  // The stored head, as stampedJson writes it (a lone surrogate's repair keeps its length).
  const head = `{"id":${id},"tenant_id":${JSON.stringify(stamp.tenantId)},"ts":${JSON.stringify(timestamp)},"ingested_at":${JSON.stringify(stamp.ingestedAt)}`.length;
  return `{"id":${id},"@timestamp":"${apiTimestamps.of(timestamp)}","ingested_at":"${apiIngestedAt.of(stamp.ingestedAt)}"${line.slice(head)}`;
}

/** The API form of a record: wire names, ISO timestamps, extra input keys under `fields`. */
export function toApiRecord(r: LogRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { prop, wire, date } of FIELD_MAP) {
    const value = r[prop];
    out[wire] = date ? date.of(value as number) : value;
  }
  out.fields = r.fields;
  return out;
}
