// The DuckDB table that holds every tenant's logs. Column names are the wire names of
// CANONICAL_FIELDS, except `@timestamp`, which is `ts`. Times are epoch milliseconds.
import { CanonicalFieldName } from '../log-record';

export const LOGS_TABLE = 'logs';

export const CREATE_LOGS_TABLE = `
CREATE TABLE IF NOT EXISTS ${LOGS_TABLE} (
  id VARCHAR NOT NULL,
  tenant_id VARCHAR NOT NULL,
  ts BIGINT NOT NULL,
  ingested_at BIGINT NOT NULL,
  level VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  service VARCHAR,
  server VARCHAR,
  environment VARCHAR,
  log_type VARCHAR,
  correlation_id VARCHAR,
  trace_id VARCHAR,
  span_id VARCHAR,
  user_id VARCHAR,
  client_ip VARCHAR,
  method VARCHAR,
  endpoint VARCHAR,
  status_code INTEGER,
  response_time_ms DOUBLE,
  user_agent VARCHAR,
  sql_query VARCHAR,
  query_duration_ms DOUBLE,
  tags VARCHAR[],
  file_id VARCHAR,
  fields VARCHAR
)`;

/** SQL column of a canonical field. `fields` holds the other keys as a JSON object string. */
export function columnOf(field: CanonicalFieldName): string {
  return field === '@timestamp' ? 'ts' : field;
}

/** SQL expression that reads a non-canonical field `name` out of the `fields` JSON. */
export function extraFieldExpression(name: string): string {
  const path = '$.' + JSON.stringify(name);
  return `json_extract_string(fields, '${path.replace(/'/g, "''")}')`;
}
