// The DuckDB table that holds every tenant's logs. Column names are the wire names of
// CANONICAL_FIELDS, except `@timestamp`, which is `ts`. Times are epoch milliseconds.
//
// Storage layout (docs/decisions/0007): `correlation_id` and `trace_id` are mostly random
// UUIDs / 128-bit hex ids, which DuckDB's string compression can barely shrink (22 and 18
// bytes a row on the bench data). A value in the canonical lowercase form is stored as a
// UUID (16 bytes, run-length encoded where consecutive records share it: ~11 bytes a row);
// any other value is kept verbatim in the `*_text` column. The canonical names are VIRTUAL
// generated columns that give back the exact string, so reads, sorting, top terms and
// suggestions see no difference; the query compiler turns an exact match into a match on
// the stored column (see exactKeywordMatch). `fields` is NULL when the record has no extra keys.
import { CanonicalFieldName } from '../log-record';

export const LOGS_TABLE = 'logs';

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX128_TEXT = /^[0-9a-f]{32}$/;

interface UuidBackedColumn {
  /** Column that holds values of the canonical form as UUID. */
  uuid: string;
  /** Column that holds every other value verbatim. */
  text: string;
  /** True when DuckDB stores `value` in the UUID column (the canonical form). */
  canonical: (value: string) => boolean;
  /** SQL giving the exact string back from the UUID column. */
  render: string;
  /** SQL (over the input column `name`) that is the UUID when the value round-trips exactly. */
  toUuid: (name: string) => string;
}

/** correlation_id: UUID text `8-4-4-4-12`; trace_id: 32 hex digits (W3C trace context). */
export const UUID_BACKED: Partial<Record<CanonicalFieldName, UuidBackedColumn>> = {
  correlation_id: {
    uuid: 'correlation_uuid',
    text: 'correlation_text',
    canonical: (v) => UUID_TEXT.test(v),
    render: 'correlation_uuid::VARCHAR',
    toUuid: (c) => `CASE WHEN TRY_CAST(${c} AS UUID)::VARCHAR = ${c} THEN ${c}::UUID END`,
  },
  trace_id: {
    uuid: 'trace_uuid',
    text: 'trace_text',
    canonical: (v) => HEX128_TEXT.test(v),
    render: `replace(trace_uuid::VARCHAR, '-', '')`,
    toUuid: (c) => `CASE WHEN replace(TRY_CAST(${c} AS UUID)::VARCHAR, '-', '') = ${c} THEN ${c}::UUID END`,
  },
};

function uuidBacked(name: CanonicalFieldName): string {
  const c = UUID_BACKED[name]!;
  return `${c.uuid} UUID,
  ${c.text} VARCHAR,
  ${name} VARCHAR GENERATED ALWAYS AS (coalesce(${c.text}, ${c.render})) VIRTUAL`;
}

/**
 * Compression forced per column in new files (docs/decisions/0170); the others are DuckDB's
 * choice. ZSTD stores the bench's messages in 13.1 bytes a record against FSST's 16.5 and SQL
 * text in 9.0 against 10.2, with word search as fast; on short strings (ids, IPs, endpoints)
 * it is worse than FSST (~7 bytes a value), so those stay. Files made before keep theirs.
 */
export const COLUMN_COMPRESSION: Readonly<Record<string, string>> = { message: 'zstd', sql_query: 'zstd' };

/** The logs table; `compression` names a column's `USING COMPRESSION` method (VARCHAR columns only). */
export function createLogsTableSql(compression: Readonly<Record<string, string>> = COLUMN_COMPRESSION): string {
  const c = (name: string) => (compression[name] ? ` USING COMPRESSION ${compression[name]}` : '');
  return `
CREATE TABLE IF NOT EXISTS ${LOGS_TABLE} (
  id VARCHAR NOT NULL${c('id')},
  tenant_id VARCHAR NOT NULL${c('tenant_id')},
  ts BIGINT NOT NULL,
  ingested_at BIGINT NOT NULL,
  level VARCHAR NOT NULL${c('level')},
  message VARCHAR NOT NULL${c('message')},
  service VARCHAR${c('service')},
  server VARCHAR${c('server')},
  environment VARCHAR${c('environment')},
  log_type VARCHAR${c('log_type')},
  ${uuidBacked('correlation_id')},
  ${uuidBacked('trace_id')},
  span_id VARCHAR${c('span_id')},
  user_id VARCHAR${c('user_id')},
  client_ip VARCHAR${c('client_ip')},
  method VARCHAR${c('method')},
  endpoint VARCHAR${c('endpoint')},
  status_code INTEGER,
  response_time_ms DOUBLE,
  user_agent VARCHAR${c('user_agent')},
  sql_query VARCHAR${c('sql_query')},
  query_duration_ms DOUBLE,
  tags VARCHAR[],
  file_id VARCHAR${c('file_id')},
  pattern_id VARCHAR${c('pattern_id')},
  fields VARCHAR${c('fields')},
  block_id BIGINT,
  record_bytes INTEGER
)`;
}

export const CREATE_LOGS_TABLE = createLogsTableSql();

/** Columns added after the first layout, for files made before them (additive, no rewrite). */
export const ADDED_COLUMNS = [
  `ALTER TABLE ${LOGS_TABLE} ADD COLUMN IF NOT EXISTS pattern_id VARCHAR`,
  // The commit's block of the token index (duckdb-token-index.ts); rows of older files get one at open.
  `ALTER TABLE ${LOGS_TABLE} ADD COLUMN IF NOT EXISTS block_id BIGINT`,
  `ALTER TABLE ${LOGS_TABLE} ADD COLUMN IF NOT EXISTS record_bytes INTEGER`,
];

/**
 * The bytes of a row's wide text (message, fields, user agent, SQL), over the stored columns or
 * an input row of the same names: kept in `record_bytes` at insert, so that choosing a page
 * by key reads no text (decision 0173; the keys carry sizes for duckdb-row-fetch.ts).
 */
export const RECORD_BYTES = `(coalesce(strlen(message), 0) + coalesce(strlen(fields), 0)
  + coalesce(strlen(user_agent), 0) + coalesce(strlen(sql_query), 0))`;

/** Fills `record_bytes` of rows written before it (at open; a scan of the column when none lacks it). */
export const FILL_RECORD_BYTES = `UPDATE ${LOGS_TABLE} SET record_bytes = ${RECORD_BYTES} WHERE record_bytes IS NULL`;

/** A column the table of an older layout lacks; its absence means the file must be moved away. */
export const LAYOUT_MARKER_COLUMN = 'correlation_uuid';

/**
 * The stored columns, and the SELECT expressions over a JSON input row (stored wire names)
 * that fill them in the same order. `derived` are expressions to compute once per input row
 * in an inner SELECT (`SELECT *, <derived> FROM read_ndjson(...)`), which `values` refer to.
 */
export function storedColumnsFromInput(inputColumns: readonly string[]): { columns: string[]; values: string[]; derived: string[] } {
  const columns: string[] = [];
  const values: string[] = [];
  const derived: string[] = [];
  for (const name of inputColumns) {
    const backed = UUID_BACKED[name as CanonicalFieldName];
    if (backed) {
      derived.push(`${backed.toUuid(name)} AS ${backed.uuid}`);
      columns.push(backed.uuid, backed.text);
      values.push(backed.uuid, `CASE WHEN ${backed.uuid} IS NULL THEN ${name} END`);
    } else if (name === 'fields') {
      columns.push(name);
      values.push(`NULLIF(fields, '{}')`);
    } else {
      columns.push(name);
      values.push(name);
    }
  }
  return { columns, values, derived };
}

/**
 * An exact `field = value` on a UUID-backed field, on the stored column (a string compare on
 * the generated column would render every row's UUID); null for other fields.
 */
export function exactKeywordMatch(field: string, value: string): { sql: string; params: unknown[] } | null {
  const backed = UUID_BACKED[field as CanonicalFieldName];
  if (!backed) return null;
  return backed.canonical(value)
    ? { sql: `${backed.uuid} = ?::UUID`, params: [value] }
    : { sql: `${backed.text} = ?`, params: [value] };
}

/** SQL column of a canonical field. `fields` holds the other keys as a JSON object string. */
export function columnOf(field: CanonicalFieldName): string {
  return field === '@timestamp' ? 'ts' : field;
}

/**
 * SQL expression that reads a non-canonical field `name` out of the `fields` JSON. A JSON
 * pointer (RFC 6901) addresses every key, the empty one included; DuckDB's `$."…"` path
 * cannot (`JSON path error near '.""'`, issue 14). Control characters go in as `chr(n)`:
 * DuckDB's parser ends a statement at a NUL inside a string literal (found by schemathesis).
 */
export function extraFieldExpression(name: string): string {
  const pointer = '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');
  const parts = pointer.split(/([\u0000-\u001f])/).filter((p) => p !== '');
  const path = parts.map((p) => (/^[\u0000-\u001f]$/.test(p) ? `chr(${p.charCodeAt(0)})` : `'${p.replace(/'/g, "''")}'`)).join(' || ');
  return `json_extract_string(fields, ${path})`;
}
