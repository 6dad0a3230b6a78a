import { DuckDbDatabase, Row } from './duckdb-database';
import { LOGS_TABLE } from './duckdb-schema';

export const RECORD_COLUMNS = `id, tenant_id, ts::DOUBLE AS ts, ingested_at::DOUBLE AS ingested_at, level, message, service,
  server, environment, log_type, correlation_id, trace_id, span_id, user_id, client_ip, method, endpoint, status_code,
  response_time_ms, user_agent, sql_query, query_duration_ms, tags, file_id, pattern_id, fields`;

export const FETCH_BYTES = 16 * 2 ** 20;

/**
 * A row's size from its `record_bytes` (decision 0173): computing it from the text made every
 * top-N decompress the message of every row it considered. A row without one (inserted by SQL
 * since the file was opened) counts as FETCH_BYTES: it is fetched on its own, whatever it holds.
 */
const KEY_BYTES = `coalesce(record_bytes, ${FETCH_BYTES})::DOUBLE`;

/**
 * What a page or an export batch is chosen by: the key and the size of each record, not the
 * record. Sorting whole records of up to 1 MiB for a top-N ran DuckDB out of its memory limit
 * (issue 14: 300 records of 400 KB, 157 of 160 MiB used); the wide columns are read only for
 * the chosen rows, at most FETCH_BYTES per query.
 */
export const KEY_COLUMNS = `id, ts::DOUBLE AS ts, ${KEY_BYTES} AS bytes`;
/** The same key as one STRUCT value, for aggregates that collect keys (max_by, min_by). */
export const KEY_STRUCT = `{id: id, ts: ts::DOUBLE, bytes: ${KEY_BYTES}}`;

export interface RowKey {
  id: string;
  ts: number;
  bytes: number;
}

export const toRowKey = (r: Row): RowKey => ({ id: String(r.id), ts: Number(r.ts), bytes: Number(r.bytes) });

/** Consecutive groups of keys whose records add up to at most `limit` bytes (at least one key each). */
export function groupsByBytes(keys: RowKey[], limit: number): RowKey[][] {
  const groups: RowKey[][] = [];
  let current: RowKey[] = [];
  let bytes = 0;
  for (const key of keys) {
    if (current.length > 0 && bytes + key.bytes > limit) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(key);
    bytes += key.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** The full rows of `keys` of one tenant, in the keys' order. */
export async function rowsOfKeys(duck: DuckDbDatabase, tenantId: string, keys: RowKey[]): Promise<Row[]> {
  const found = new Map<string, Row>();
  for (const group of groupsByBytes(keys, FETCH_BYTES)) {
    const times = group.map((k) => k.ts);
    // The time range lets DuckDB skip every row group outside the page by its min/max.
    const rows = await duck.query(
      `SELECT ${RECORD_COLUMNS} FROM ${LOGS_TABLE} WHERE tenant_id = ? AND ts BETWEEN ? AND ?
       AND id IN (${group.map(() => '?').join(', ')})`,
      [tenantId, Math.floor(Math.min(...times)), Math.ceil(Math.max(...times)), ...group.map((k) => k.id)],
    );
    for (const row of rows) found.set(String(row.id), row);
  }
  return keys.flatMap((k): Row[] => {
    const row = found.get(k.id);
    return row ? [row] : [];
  });
}
