// One generated log line, with the field names the seed's generator writes. Absent fields
// stay `undefined` so JSON.stringify leaves them out and every record keeps one shape.

export interface SampleLogRecord {
  timestamp: string;
  log_type: string;
  level: string;
  message: string;
  service: string;
  server: string;
  environment: string;
  correlation_id: string;
  trace_id: string;
  user_id: string | undefined;
  account_id: string | undefined;
  client_ip: string | undefined;
  method: string | undefined;
  endpoint: string | undefined;
  status_code: number | undefined;
  response_time_ms: number | undefined;
  user_agent: string | undefined;
  sql_query: string | undefined;
  query_duration_ms: number | undefined;
}

/** Column order of the CSV output. */
export const SAMPLE_LOG_COLUMNS: ReadonlyArray<keyof SampleLogRecord> = [
  'timestamp', 'log_type', 'level', 'message', 'service', 'server', 'environment',
  'correlation_id', 'trace_id', 'user_id', 'account_id', 'client_ip', 'method', 'endpoint',
  'status_code', 'response_time_ms', 'user_agent', 'sql_query', 'query_duration_ms',
];
