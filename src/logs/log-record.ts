// The canonical log record: every input is normalized to this shape before it is stored,
// and every store returns it. `fields` keeps every input key that is not a canonical field.

export const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type Level = (typeof LEVELS)[number];

export interface LogRecord {
  id: string;
  /** Event time, epoch milliseconds. */
  timestamp: number;
  /** When Lognest accepted the record, epoch milliseconds. */
  ingestedAt: number;
  tenantId: string;
  level: Level;
  message: string;
  service: string | null;
  server: string | null;
  environment: string | null;
  logType: string | null;
  correlationId: string | null;
  traceId: string | null;
  spanId: string | null;
  userId: string | null;
  clientIp: string | null;
  method: string | null;
  endpoint: string | null;
  statusCode: number | null;
  responseTimeMs: number | null;
  userAgent: string | null;
  sqlQuery: string | null;
  queryDurationMs: number | null;
  tags: string[];
  fileId: string | null;
  /** The log pattern (template) of the message, given at ingest (src/patterns); null when none was. */
  patternId: string | null;
  fields: Record<string, string>;
}

/** A record as the normalizer produces it, before the pipeline stamps id, tenant and ingest time. */
export type NormalizedRecord = Omit<LogRecord, 'id' | 'tenantId' | 'ingestedAt' | 'fileId' | 'patternId'>;

export type FieldType = 'keyword' | 'text' | 'long' | 'double' | 'date' | 'keyword[]';

/**
 * The canonical fields by their wire name (as users type them in queries and as the API
 * returns them), the record property that holds each, and its type.
 */
export const CANONICAL_FIELDS = {
  id: { prop: 'id', type: 'keyword' },
  '@timestamp': { prop: 'timestamp', type: 'date' },
  ingested_at: { prop: 'ingestedAt', type: 'date' },
  level: { prop: 'level', type: 'keyword' },
  message: { prop: 'message', type: 'text' },
  service: { prop: 'service', type: 'keyword' },
  server: { prop: 'server', type: 'keyword' },
  environment: { prop: 'environment', type: 'keyword' },
  log_type: { prop: 'logType', type: 'keyword' },
  correlation_id: { prop: 'correlationId', type: 'keyword' },
  trace_id: { prop: 'traceId', type: 'keyword' },
  span_id: { prop: 'spanId', type: 'keyword' },
  user_id: { prop: 'userId', type: 'keyword' },
  client_ip: { prop: 'clientIp', type: 'keyword' },
  method: { prop: 'method', type: 'keyword' },
  endpoint: { prop: 'endpoint', type: 'keyword' },
  status_code: { prop: 'statusCode', type: 'long' },
  response_time_ms: { prop: 'responseTimeMs', type: 'double' },
  user_agent: { prop: 'userAgent', type: 'keyword' },
  sql_query: { prop: 'sqlQuery', type: 'keyword' },
  query_duration_ms: { prop: 'queryDurationMs', type: 'double' },
  tags: { prop: 'tags', type: 'keyword[]' },
  file_id: { prop: 'fileId', type: 'keyword' },
  pattern_id: { prop: 'patternId', type: 'keyword' },
} as const satisfies Record<string, { prop: keyof LogRecord; type: FieldType }>;

export type CanonicalFieldName = keyof typeof CANONICAL_FIELDS;

export function isCanonicalField(name: string): name is CanonicalFieldName {
  return Object.prototype.hasOwnProperty.call(CANONICAL_FIELDS, name);
}

/** Tag put on a record whose input had no usable timestamp (it keeps its ingest time). */
export const TIMESTAMP_MISSING_TAG = '_timestamp_missing';
