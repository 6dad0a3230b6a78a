// Input key spellings for each canonical field, highest priority first: when a record carries
// two aliases of one field (`time` and `timestamp`), the earlier one wins and the other is kept
// in `fields`. Keys are matched case-insensitively after nested objects are flattened with dots.

/** Index of each canonical field in the normalizer's slot arrays. */
export const Slot = {
  Timestamp: 0, Level: 1, Message: 2, Service: 3, Server: 4, Environment: 5, CorrelationId: 6, TraceId: 7,
  SpanId: 8, UserId: 9, ClientIp: 10, Method: 11, Endpoint: 12, StatusCode: 13, ResponseTimeMs: 14,
  UserAgent: 15, SqlQuery: 16, QueryDurationMs: 17, LogType: 18, Tags: 19,
} as const;
type Slot = (typeof Slot)[keyof typeof Slot];

export const SLOT_COUNT = Slot.Tags + 1;

const ALIASES: [Slot, string[]][] = [
  [Slot.Timestamp, ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 'timestamp_ms']],
  [Slot.Level, ['level', 'severity', 'lvl', 'loglevel', 'log.level', 'log_level', 'levelname', 'severity_text']],
  [Slot.Message, ['message', 'msg', '@message', 'log', 'text', 'event']],
  [Slot.Service, ['service', 'service.name', 'service_name', 'app', 'application', 'source']],
  [Slot.Server, ['server', 'hostname', 'host', 'host.name']],
  [Slot.Environment, ['environment', 'env']],
  [Slot.CorrelationId, ['correlation_id', 'correlationid', 'request_id', 'requestid', 'x-request-id', 'req_id']],
  [Slot.TraceId, ['trace_id', 'traceid', 'trace.id']],
  [Slot.SpanId, ['span_id', 'spanid', 'span.id']],
  [Slot.UserId, ['user_id', 'userid', 'user.id', 'user', 'uid']],
  [Slot.ClientIp, ['client_ip', 'clientip', 'client.ip', 'ip', 'remote_addr']],
  [Slot.Method, ['method', 'http.method', 'http_method', 'http.request.method']],
  [Slot.Endpoint, ['endpoint', 'path', 'route', 'uri', 'url', 'http.path', 'url.path']],
  [Slot.StatusCode, ['status_code', 'statuscode', 'status', 'http.status_code', 'http.response.status_code']],
  [Slot.ResponseTimeMs, ['response_time_ms', 'response_time', 'duration_ms', 'latency_ms', 'elapsed_ms']],
  [Slot.UserAgent, ['user_agent', 'useragent', 'http.user_agent', 'user_agent.original']],
  [Slot.SqlQuery, ['sql_query', 'sql', 'query']],
  [Slot.QueryDurationMs, ['query_duration_ms', 'db_duration_ms']],
  [Slot.LogType, ['log_type', 'logtype', 'type']],
  [Slot.Tags, ['tags']],
];

/** Lower-cased alias → `slot << 8 | priority` (lower priority number wins). */
export const ALIAS_CODES = new Map<string, number>();
for (const [slot, names] of ALIASES) {
  names.forEach((name, priority) => ALIAS_CODES.set(name, (slot << 8) | (priority + 1)));
}

/** Priority given to options.timestampField, above every alias. */
export const EXPLICIT_PRIORITY = 0;
