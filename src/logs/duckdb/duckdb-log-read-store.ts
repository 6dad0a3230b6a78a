import { CANONICAL_ENTRIES, countsTopValues, EXTRA_KEYS_LIMIT } from '../field-catalog';
import { CANONICAL_FIELDS, FieldType, isCanonicalField, LogRecord } from '../log-record';
import { DEFAULT_GROUP_LIMIT, MetricPoint, MetricRequest } from '../log-metric';
import { LogReadStore } from '../log-read-store';
import { AroundField, aroundValues, DEFAULT_AROUND, FieldInfo, HistogramBucket, LogScope, LogSummary, Page, TermBucket } from '../log-scope';
import { MetricBucket, sortMetricBuckets } from '../metric-bucket';
import { fromStored } from '../stored-record';
import { DuckDbDatabase, LATE_MATERIALIZED_ROWS, Row } from './duckdb-database';
import { compileToDuckDb, escapeLike } from './duckdb-query-compiler';
import { FETCH_BYTES, groupsByBytes, KEY_COLUMNS, KEY_STRUCT, RECORD_COLUMNS, rowsOfKeys, toRowKey } from './duckdb-row-fetch';
import { columnOf, extraFieldExpression, LOGS_TABLE } from './duckdb-schema';
import { candidateBlocks } from './duckdb-block-pruning';
import { idTime } from '../../platform/ids';
import { QueryNode } from '../query/query-ast';
import { fieldKind } from '../query/query-values';
import { requiredValues } from '../query/required-values';


const ERROR_LEVELS = `('ERROR', 'CRITICAL')`;
/** Pages up to this deep are chosen in the scan that counts them (pageAndCountInOneScan). */
const ONE_SCAN_ROWS = 1_000;
const SUGGESTION_CHARS = 200;
/** Fields whose one value belongs to one request: a query that pins one matches a few records. */
const REQUEST_IDS = ['correlation_id', 'trace_id', 'span_id'];

/** SQL expression of any field name: a column for canonical fields, a JSON path otherwise. */
function fieldExpression(field: string): string {
  return isCanonicalField(field) ? columnOf(field) : extraFieldExpression(field);
}

/** The SQL aggregate of a metric (log-metric.ts); fields were checked by the caller. */
function metricExpression(request: MetricRequest): string {
  const field = () => fieldExpression(request.field ?? '');
  switch (request.kind) {
    case 'count':
      return 'count(*)::DOUBLE';
    case 'error_rate':
      return `100.0 * count(*) FILTER (WHERE level IN ${ERROR_LEVELS}) / NULLIF(count(*), 0)`;
    case 'avg':
      return `avg(${field()})::DOUBLE`;
    case 'p95':
      return `quantile_cont(${field()}, 0.95)::DOUBLE`;
    case 'max':
      return `max(${field()})::DOUBLE`;
    case 'unique_count':
      return `count(DISTINCT ${field()})::DOUBLE`;
  }
}

/**
 * Whether a query reads message text: a word, phrase, wildcard or regex of a text field
 * (`fieldKind`: the message, or no field). Such a predicate is evaluated on every row of the
 * range; a field comparison is answered from zone maps and dictionaries at little cost per scan.
 */
export function matchesText(node: QueryNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.some(matchesText);
    case 'not':
      return matchesText(node.child);
    case 'term':
    case 'phrase':
    case 'wildcard':
    case 'regex':
      return fieldKind(node.field) === 'text';
    default:
      return false;
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class DuckDbLogReadStore extends LogReadStore {
  /**
   * `useTokenIndex: false` reads without the token index even when it is on, `oneScanText:
   * false` pages text searches as any other (pageThenCount), `wholeRowPages: false` always
   * chooses a page by key before reading its rows: for the bench's comparisons and tests.
   */
  constructor(
    private readonly duck: DuckDbDatabase,
    private readonly options: { useTokenIndex: boolean; oneScanText?: boolean; wholeRowPages?: boolean } = { useTokenIndex: duck.tokens.enabled },
  ) {
    super();
  }

  /** WHERE clause for a scope: tenant first, always; then the candidate blocks of the token index. */
  private async where(scope: LogScope): Promise<{ sql: string; params: unknown[] }> {
    const compiled = compileToDuckDb(scope.query);
    const parts = ['tenant_id = ?', `(${compiled.sql})`];
    const params: unknown[] = [scope.tenantId, ...compiled.params];
    const blocks = this.options.useTokenIndex ? await candidateBlocks(this.duck, scope) : null;
    if (blocks !== null) parts.push(blocks);
    if (scope.from !== undefined) {
      parts.push('ts >= ?');
      params.push(Math.floor(scope.from));
    }
    if (scope.to !== undefined) {
      parts.push('ts <= ?');
      params.push(Math.floor(scope.to));
    }
    return { sql: parts.join(' AND '), params };
  }

  async search(scope: LogScope, page: Page): Promise<{ total: number; records: LogRecord[] }> {
    const where = await this.where(scope);
    const sortColumn = page.sortField && isCanonicalField(page.sortField) ? columnOf(page.sortField) : 'ts';
    if (sortColumn === 'ts' && page.offset + page.limit <= ONE_SCAN_ROWS && this.options.oneScanText !== false && matchesText(scope.query)) {
      const keys = await this.pageAndCountInOneScan(where, page);
      return { total: keys.total, records: (await rowsOfKeys(this.duck, scope.tenantId, keys.keys)).map(fromStored) };
    }
    const depth = page.offset + page.limit;
    // Whole rows, no key lookup, when every row down to the page's end (and one more) would
    // fit one fetch even if each were the largest ever written (decision 0174).
    if (this.options.wholeRowPages !== false && depth <= LATE_MATERIALIZED_ROWS && (depth + 1) * this.duck.largestRecordBytes <= FETCH_BYTES) {
      return this.countThenRows(where, sortColumn, page, REQUEST_IDS.some((field) => requiredValues(scope.query, field) !== null));
    }
    const keys = await this.pageThenCount(where, sortColumn, page);
    return { total: keys.total, records: (await rowsOfKeys(this.duck, scope.tenantId, keys.keys)).map(fromStored) };
  }

  /**
   * The count, then the page's rows whole (decision 0174): nothing when nothing matches; all
   * matching rows in one plain scan when they end on or before this page (a top-N's late
   * materialization costs a second scan, ~5 ms even for none); else a top-N of whole rows,
   * whose other columns DuckDB reads for the chosen rows only. A top-N of keys then a fetch by
   * id (pageThenCount) read the page's vectors of every column twice over. A query pinning a
   * request's id (a correlation, trace or span id) is expected to match a few rows: the plain
   * scan comes first, and its rows are the total when they are all.
   */
  private async countThenRows(where: { sql: string; params: unknown[] }, sortColumn: string, page: Page, fewExpected: boolean) {
    const depth = page.offset + page.limit;
    const direction = page.sort === 'asc' ? 'ASC' : 'DESC';
    // Every matching row, sorted, when there are at most depth; null when there are more
    // (after a count, that means some arrived since it).
    const allRows = async () => {
      const rows = await this.duck.query(
        `SELECT * FROM (SELECT ${RECORD_COLUMNS} FROM ${LOGS_TABLE} WHERE ${where.sql} LIMIT ${depth + 1}) ORDER BY ts ${direction}, id ${direction}`,
        where.params,
      );
      return rows.length <= depth ? { total: rows.length, records: rows.slice(page.offset).map(fromStored) } : null;
    };
    const plain = sortColumn === 'ts';
    if (plain && fewExpected) {
      const all = await allRows();
      if (all) return all;
    }
    const total = await this.countWhere(where);
    if (total === 0 || page.offset >= total) return { total, records: [] };
    if (plain && !fewExpected && total <= depth) {
      const all = await allRows();
      if (all) return all;
    }
    const rows = await this.duck.query(
      `SELECT ${RECORD_COLUMNS} FROM ${LOGS_TABLE} WHERE ${where.sql}
       ORDER BY ${LOGS_TABLE}.${sortColumn} ${direction} NULLS LAST, ${LOGS_TABLE}.id ${direction}
       LIMIT ${Math.floor(page.limit)} OFFSET ${Math.floor(page.offset)}`,
      where.params,
    );
    // Rows committed since the count can make the page fuller than the count said: the total
    // never reads below what the answer shows.
    return { total: Math.max(total, page.offset + rows.length), records: rows.map(fromStored) };
  }

  /**
   * Top-N by key, then a count when the page is full. Order by the table's own column (not
   * the DOUBLE alias of the select list) and with a literal LIMIT, so DuckDB's top-N can skip
   * row groups by their min/max times; a short first page is the whole answer, so its count
   * is known without a second scan. One after the other, not in parallel: each already uses
   * every core, and a text search run twice at once took twice as long (docs/decisions/0009).
   * The page is chosen by key, then read (see duckdb-row-fetch.ts).
   */
  private async pageThenCount(where: { sql: string; params: unknown[] }, sortColumn: string, page: Page) {
    const direction = page.sort === 'asc' ? 'ASC' : 'DESC';
    const keys = (await this.duck.query(
      `SELECT ${KEY_COLUMNS} FROM ${LOGS_TABLE} WHERE ${where.sql}
       ORDER BY ${LOGS_TABLE}.${sortColumn} ${direction} NULLS LAST, ${LOGS_TABLE}.id ${direction}
       LIMIT ${Math.floor(page.limit)} OFFSET ${Math.floor(page.offset)}`,
      where.params,
    )).map(toRowKey);
    const total = page.offset === 0 && keys.length < page.limit ? keys.length : await this.countWhere(where);
    return { total, keys };
  }

  private async countWhere(where: { sql: string; params: unknown[] }): Promise<number> {
    return Number((await this.duck.query(`SELECT count(*)::DOUBLE AS n FROM ${LOGS_TABLE} WHERE ${where.sql}`, where.params))[0].n);
  }

  /**
   * The count and the first offset + limit keys in time order, from one scan (decision
   * 0172): a text predicate costs most of a search, and the two scans of pageThenCount ran it
   * over every message twice. `max_by(key, {ts, id}, n)` lists the n greatest in descending
   * order, `min_by` the least in ascending order: the order of ORDER BY ts, id either way.
   */
  private async pageAndCountInOneScan(where: { sql: string; params: unknown[] }, page: Page) {
    const pick = page.sort === 'asc' ? 'min_by' : 'max_by';
    const [row] = await this.duck.query(
      `SELECT count(*)::DOUBLE AS n, ${pick}(${KEY_STRUCT}, {t: ts, i: id}, ${Math.floor(page.offset + page.limit)}) AS top
       FROM ${LOGS_TABLE} WHERE ${where.sql}`,
      where.params,
    );
    const top = (row.top as Row[] | null) ?? [];
    return { total: Number(row.n), keys: top.slice(Math.floor(page.offset)).map(toRowKey) };
  }

  async get(tenantId: string, id: string): Promise<LogRecord | null> {
    // Ids made by the ingest pipeline carry their ingest time: try that zone-map-friendly
    // lookup first, then a full scan for ids of another origin.
    const select = `SELECT ${RECORD_COLUMNS} FROM ${LOGS_TABLE} WHERE tenant_id = ? AND id = ?`;
    const at = idTime(id);
    let rows = at === null ? [] : await this.duck.query(`${select} AND ingested_at = ? LIMIT 1`, [tenantId, id, at]);
    if (rows.length === 0) rows = await this.duck.query(`${select} LIMIT 1`, [tenantId, id]);
    return rows.length > 0 ? fromStored(rows[0]) : null;
  }

  async around(tenantId: string, id: string, before: number, after: number, same: AroundField[] = DEFAULT_AROUND) {
    const record = await this.get(tenantId, id);
    if (!record) return null;
    const values = aroundValues(record, same);
    const where = ['tenant_id = ?', ...values.map(([field]) => `${field} IS NOT DISTINCT FROM ?`)].join(' AND ');
    const base = [tenantId, ...values.map(([, value]) => value)];
    const side = (older: boolean, size: number) =>
      size <= 0
        ? Promise.resolve([])
        : this.duck.query(
            `SELECT ${RECORD_COLUMNS} FROM ${LOGS_TABLE} WHERE ${where} AND (ts ${older ? '<' : '>'} ? OR (ts = ? AND id ${older ? '<' : '>'} ?))
             ORDER BY ${LOGS_TABLE}.ts ${older ? 'DESC' : 'ASC'}, ${LOGS_TABLE}.id ${older ? 'DESC' : 'ASC'} LIMIT ?`,
            [...base, record.timestamp, record.timestamp, id, size],
          );
    const [older, newer] = await Promise.all([side(true, before), side(false, after)]);
    return { record, before: older.map(fromStored).reverse(), after: newer.map(fromStored) };
  }

  async count(scope: LogScope): Promise<number> {
    return this.countWhere(await this.where(scope));
  }

  async histogram(scope: LogScope, intervalMs: number, splitByLevel: boolean): Promise<HistogramBucket[]> {
    const where = await this.where(scope);
    const interval = Math.max(1, Math.floor(intervalMs));
    const level = splitByLevel ? ', level' : '';
    const rows = await this.duck.query(
      `SELECT (ts // ${interval}) * ${interval} AS start${level}, count(*) AS count
       FROM ${LOGS_TABLE} WHERE ${where.sql} GROUP BY ALL ORDER BY start${level}`,
      where.params,
    );
    return rows.map((r) => ({ start: Number(r.start), count: Number(r.count), ...(splitByLevel ? { level: String(r.level) } : {}) }));
  }

  async topTerms(scope: LogScope, field: string, limit: number, orderBy: 'count' | 'avg_response' = 'count'): Promise<TermBucket[]> {
    const where = await this.where(scope);
    const expr = field === 'tags' ? 'unnest(tags)' : fieldExpression(field);
    const order = orderBy === 'avg_response' ? 'avg_rt DESC NULLS LAST, count DESC' : 'count DESC, value';
    // The exact p95 is computed for the winning values only: over every distinct value (the
    // bench has 200k endpoints) the holistic aggregate cost more than the grouping itself.
    const base = `SELECT ${expr}::VARCHAR AS value, response_time_ms AS rt FROM ${LOGS_TABLE} WHERE ${where.sql}`;
    const rows = await this.duck.query(
      `WITH top AS (
         SELECT value, count(*) AS count, avg(rt) AS avg_rt FROM (${base}) WHERE value IS NOT NULL
         GROUP BY value ORDER BY ${order} LIMIT ?
       )
       SELECT top.value, top.count, top.avg_rt, p.p95_rt FROM top LEFT JOIN (
         SELECT value, quantile_cont(rt, 0.95) AS p95_rt FROM (${base}) WHERE value IN (SELECT value FROM top) GROUP BY value
       ) p USING (value) ORDER BY ${order.replace(/\bvalue\b/, 'top.value')}`,
      [...where.params, limit, ...where.params],
    );
    return rows.map((r) => ({
      value: String(r.value),
      count: Number(r.count),
      avgResponseTimeMs: num(r.avg_rt),
      p95ResponseTimeMs: num(r.p95_rt),
    }));
  }

  async summary(scope: LogScope): Promise<LogSummary> {
    const where = await this.where(scope);
    const [r] = await this.duck.query(
      `SELECT count(*)::DOUBLE AS total, count(*) FILTER (WHERE level IN ${ERROR_LEVELS})::DOUBLE AS errors,
         avg(response_time_ms) AS avg_rt, count(DISTINCT user_id)::DOUBLE AS users,
         count(DISTINCT service)::DOUBLE AS services, max(ts)::DOUBLE AS latest
       FROM ${LOGS_TABLE} WHERE ${where.sql}`,
      where.params,
    );
    return {
      total: Number(r.total),
      errors: Number(r.errors),
      avgResponseTimeMs: num(r.avg_rt),
      uniqueUsers: Number(r.users),
      services: Number(r.services),
      latestAt: num(r.latest),
    };
  }

  async metricSeries(scope: LogScope, intervalMs: number, byService: boolean): Promise<MetricBucket[]> {
    const where = await this.where(scope);
    const interval = Math.max(1, Math.floor(intervalMs));
    const service = byService ? ', service' : '';
    const rows = await this.duck.query(
      `SELECT (ts // ${interval}) * ${interval} AS start${service}, count(*)::DOUBLE AS count,
         count(*) FILTER (WHERE level IN ${ERROR_LEVELS})::DOUBLE AS errors,
         quantile_cont(response_time_ms, 0.95) AS p95, quantile_cont(response_time_ms, 0.5) AS median,
         count(response_time_ms)::DOUBLE AS timed, count(DISTINCT user_id)::DOUBLE AS users
       FROM ${LOGS_TABLE} WHERE ${where.sql} GROUP BY ALL`,
      where.params,
    );
    return sortMetricBuckets(
      rows.map((r) => ({
        start: Number(r.start),
        ...(byService ? { service: r.service === null ? null : String(r.service) } : {}),
        count: Number(r.count),
        errors: Number(r.errors),
        p95ResponseTimeMs: num(r.p95),
        medianResponseTimeMs: num(r.median),
        timed: Number(r.timed),
        users: Number(r.users),
      })),
    );
  }

  async metric(scope: LogScope, request: MetricRequest): Promise<MetricPoint[]> {
    const where = await this.where(scope);
    const interval = request.intervalMs === undefined ? null : Math.max(1, Math.floor(request.intervalMs));
    const keys: string[] = [];
    if (interval !== null) keys.push(`(ts // ${interval}) * ${interval} AS start`);
    if (request.groupBy !== undefined) keys.push(`${fieldExpression(request.groupBy)}::VARCHAR AS grp`);
    const groupFilter = request.groupBy === undefined ? '' : ` AND ${fieldExpression(request.groupBy)} IS NOT NULL`;
    const select = `SELECT ${[...keys, 'count(*)::DOUBLE AS n', `${metricExpression(request)} AS value`].join(', ')}
      FROM ${LOGS_TABLE} WHERE ${where.sql}${groupFilter}${keys.length > 0 ? ' GROUP BY ALL' : ''}`;
    // The most frequent groups of each bucket, as many as asked.
    const sql = request.groupBy === undefined
      ? select
      : `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${interval === null ? '1' : 'start'} ORDER BY n DESC, grp) AS rank FROM (${select}))
         WHERE rank <= ${Math.floor(request.groupLimit ?? DEFAULT_GROUP_LIMIT)}`;
    const rows = await this.duck.query(`${sql} ORDER BY ${interval === null ? '' : 'start, '}n DESC${request.groupBy === undefined ? '' : ', grp'}`, where.params);
    return rows.map((r) => ({
      start: interval === null ? null : Number(r.start),
      group: request.groupBy === undefined ? null : String(r.grp),
      count: Number(r.n),
      value: num(r.value),
    }));
  }

  async suggest(tenantId: string, field: string, prefix: string, limit: number): Promise<string[]> {
    // A value of `tags` is one tag, not the list.
    const expr = field === 'tags' ? 'unnest(tags)' : fieldExpression(field);
    const pattern = field === 'message' ? `%${escapeLike(prefix)}%` : `${escapeLike(prefix)}%`;
    // Grouped by the first SUGGESTION_CHARS characters: grouping whole values of up to 1 MiB
    // ran DuckDB out of memory (issue 14), and a suggestion longer than that is no use.
    const rows = await this.duck.query(
      `SELECT left(value, ${SUGGESTION_CHARS}) AS value, count(*) AS n FROM (SELECT ${expr}::VARCHAR AS value FROM ${LOGS_TABLE} WHERE tenant_id = ?)
       WHERE value IS NOT NULL AND value ILIKE ? ESCAPE '\\'
       GROUP BY 1 ORDER BY n DESC, value LIMIT ?`,
      [tenantId, pattern, limit],
    );
    return rows.map((r) => String(r.value));
  }

  async fields(scope: LogScope, topValues: number): Promise<FieldInfo[]> {
    const where = await this.where(scope);
    // Materialized once: the keys, the counts and every field's values read the same rows.
    const matched = `s AS MATERIALIZED (SELECT * FROM ${LOGS_TABLE} WHERE ${where.sql})`;
    const keys = await this.duck.query(
      `WITH ${matched} SELECT DISTINCT unnest(json_keys(fields)) AS key FROM s ORDER BY key LIMIT ${EXTRA_KEYS_LIMIT}`,
      where.params,
    );
    const fields = [
      ...CANONICAL_ENTRIES.map(([name, f]) => ({ name, type: f.type as string, expr: name === 'tags' ? 'unnest(tags)' : columnOf(name) })),
      ...keys.map((r) => ({ name: String(r.key), type: 'keyword', expr: extraFieldExpression(String(r.key)) })),
    ];
    const counts = fields.map((f, i) =>
      `SELECT ${i} AS i, NULL AS value, ${f.name === 'tags' ? 'count(*) FILTER (WHERE len(tags) > 0)' : `count(${f.expr})`} AS n, 0 AS rank FROM s`);
    const values = fields.flatMap((f, i) => (countsTopValues(f.name, f.type as FieldType) ? [
      `SELECT ${i} AS i, value, count(*) AS n FROM (SELECT ${f.expr}::VARCHAR AS value FROM s) WHERE value IS NOT NULL GROUP BY ALL`,
    ] : []));
    const ranked = values.length === 0 ? '' : ` UNION ALL SELECT i, value, n, rank FROM (
         SELECT *, row_number() OVER (PARTITION BY i ORDER BY n DESC, value) AS rank FROM (${values.join(' UNION ALL ')})
       ) WHERE rank <= ${Math.max(0, Math.floor(topValues))}`;
    const rows = await this.duck.query(`WITH ${matched} ${counts.join(' UNION ALL ')}${ranked} ORDER BY i, rank`, where.params);
    const out: FieldInfo[] = fields.map((f) => ({ name: f.name, type: f.type, count: 0, topValues: [] }));
    for (const r of rows) {
      const field = out[Number(r.i)];
      if (Number(r.rank) === 0) field.count = Number(r.n);
      else field.topValues.push({ value: String(r.value), count: Number(r.n) });
    }
    return out;
  }

  async *stream(scope: LogScope, sort: Page['sort'], batchSize: number): AsyncIterable<LogRecord[]> {
    const where = await this.where(scope);
    const direction = sort === 'asc' ? 'ASC' : 'DESC';
    const after = sort === 'asc' ? '(ts > ? OR (ts = ? AND id > ?))' : '(ts < ? OR (ts = ? AND id < ?))';
    let cursor: { ts: number; id: string } | null = null;
    for (;;) {
      const keyset: string = cursor ? ` AND ${after}` : '';
      const params: unknown[] = cursor ? [...where.params, cursor.ts, cursor.ts, cursor.id] : where.params;
      const keys = (await this.duck.query(
        `SELECT ${KEY_COLUMNS} FROM ${LOGS_TABLE} WHERE ${where.sql}${keyset}
         ORDER BY ${LOGS_TABLE}.ts ${direction}, ${LOGS_TABLE}.id ${direction} LIMIT ${Math.max(1, batchSize)}`,
        params,
      )).map(toRowKey);
      if (keys.length === 0) return;
      // Batches by bytes as well as rows: an export holds for any record size ingest takes.
      for (const group of groupsByBytes(keys, FETCH_BYTES)) yield (await rowsOfKeys(this.duck, scope.tenantId, group)).map(fromStored);
      if (keys.length < batchSize) return;
      cursor = keys[keys.length - 1];
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.duck.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
