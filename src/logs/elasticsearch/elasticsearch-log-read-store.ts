import { CANONICAL_ENTRIES, countsTopValues, EXTRA_KEYS_LIMIT } from '../field-catalog';
import { CANONICAL_FIELDS, CanonicalFieldName, isCanonicalField, LogRecord } from '../log-record';
import { byPointOrder, DEFAULT_GROUP_LIMIT, MetricPoint, MetricRequest } from '../log-metric';
import { LogReadStore } from '../log-read-store';
import { AroundField, aroundValues, DEFAULT_AROUND, FieldInfo, HistogramBucket, LogScope, LogSummary, Page, TermBucket } from '../log-scope';
import { MetricBucket, sortMetricBuckets } from '../metric-bucket';
import { fromStored, StoredRecord } from '../stored-record';
import { ElasticsearchLogIndex } from './elasticsearch-client';
import { EsQuery, scopeQuery, tenantQuery } from './elasticsearch-query-compiler';
import { docField, FIELD_KEYS, FIELD_PAIRS, pairPrefix, storedOf, textField, TIMESTAMP_FIELD } from './elasticsearch-schema';
import { literalSource } from './lucene-regex';

const ERROR_LEVELS = ['ERROR', 'CRITICAL'];
/** Terms fetched when buckets are ranked in JS (by mean response time). */
const ALL_TERMS = 10_000;
const BY_COUNT = [{ _count: 'desc' }, { _key: 'asc' }];

type Agg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Hit = { _source?: unknown; sort?: unknown[] };

/** Where a field's values are bucketed: a keyword document field, or a key of `fields`. */
type Target = { field: string } | { extraKey: string };

function target(field: string): Target {
  return isCanonicalField(field) ? { field: textField(field as CanonicalFieldName) } : { extraKey: field };
}

/**
 * A terms aggregation (with sub-aggregations) over a field or a key of `fields` (its
 * `<key>=<value>` pairs, the prefix cut from the bucket keys); `include` is a Lucene regex
 * over the values; `read` finds its buckets.
 */
function termsAgg(t: Target, terms: Agg, sub: Agg = {}, include?: string): { agg: Agg; buckets: (aggs: Agg) => Agg[] } {
  const aggs = Object.keys(sub).length ? { aggs: sub } : {};
  if ('field' in t) return { agg: { terms: { field: t.field, ...terms, ...(include ? { include } : {}) }, ...aggs }, buckets: (a) => a.buckets };
  const prefix = pairPrefix(t.extraKey);
  return {
    agg: { terms: { field: FIELD_PAIRS, ...terms, include: `${literalSource(prefix, false)}(${include ?? '.*'})` }, ...aggs },
    buckets: (a) => a.buckets.map((b: Agg) => ({ ...b, key: String(b.key).slice(prefix.length) })),
  };
}

/** Sub-aggregations that compute a metric inside a bucket (log-metric.ts). */
function metricAggs(request: MetricRequest): Agg {
  const field = () => docField((request.field ?? '') as CanonicalFieldName);
  switch (request.kind) {
    case 'count':
      return {};
    case 'error_rate':
      return { errors: { filter: { terms: { level: ERROR_LEVELS } } } };
    case 'avg':
      return { value: { avg: { field: field() } } };
    case 'p95':
      return { value: { percentiles: { field: field(), percents: [95] } } };
    case 'max':
      return { value: { max: { field: field() } } };
    case 'unique_count':
      return { value: { cardinality: { field: field(), precision_threshold: 40_000 } } };
  }
}

function metricValueOf(request: MetricRequest, bucket: Agg, count: number): number | null {
  switch (request.kind) {
    case 'count':
      return count;
    case 'error_rate':
      return count === 0 ? null : (100 * bucket.errors.doc_count) / count;
    case 'p95':
      return (Object.values(bucket.value.values ?? {})[0] as number | null | undefined) ?? null;
    default:
      return bucket.value.value ?? null;
  }
}

const records = (hits: Hit[]) => hits.map((h) => fromStored(storedOf(h._source as StoredRecord)));

/**
 * Reads from the Elasticsearch log index. Every request filters on the tenant; counts,
 * terms and statistics are aggregations (exact on a single shard), records come from
 * `_source` exactly as they were written.
 */
export class ElasticsearchLogReadStore extends LogReadStore {
  constructor(private readonly es: ElasticsearchLogIndex) {
    super();
  }

  private get index() {
    return this.es.index;
  }

  async search(scope: LogScope, page: Page): Promise<{ total: number; records: LogRecord[] }> {
    const query = scopeQuery(scope);
    const name = page.sortField && isCanonicalField(page.sortField) ? page.sortField : '@timestamp';
    const sort = [{ [docField(name)]: { order: page.sort, missing: '_last' } }, { id: { order: page.sort } }];
    const result = await this.es.run(() =>
      this.es.client.search({
        index: this.index,
        query,
        from: Math.max(0, page.offset),
        size: Math.max(0, page.limit),
        sort: sort as never,
        track_total_hits: true,
      }),
    );
    const total = typeof result.hits.total === 'number' ? result.hits.total : (result.hits.total?.value ?? 0);
    return { total, records: records(result.hits.hits) };
  }

  async get(tenantId: string, id: string): Promise<LogRecord | null> {
    const found = await this.es.run(() =>
      this.es.client.search({ index: this.index, query: tenantQuery(tenantId, { term: { id } }), size: 1, track_total_hits: false }),
    );
    return records(found.hits.hits)[0] ?? null;
  }

  async around(tenantId: string, id: string, before: number, after: number, same: AroundField[] = DEFAULT_AROUND) {
    const record = await this.get(tenantId, id);
    if (!record) return null;
    const match = ([field, value]: [AroundField, string | null]): EsQuery =>
      value === null ? { bool: { must_not: [{ exists: { field } }] } } : { term: { [field]: value } };
    const query = tenantQuery(tenantId, ...aroundValues(record, same).map(match));
    const side = async (order: 'asc' | 'desc', size: number) => {
      if (size <= 0) return [];
      const result = await this.es.run(() =>
        this.es.client.search({
          index: this.index,
          query,
          size,
          sort: [{ [TIMESTAMP_FIELD]: order }, { id: order }] as never,
          search_after: [record.timestamp, record.id],
          track_total_hits: false,
        }),
      );
      return records(result.hits.hits);
    };
    return { record, before: (await side('desc', Math.floor(before))).reverse(), after: await side('asc', Math.floor(after)) };
  }

  async count(scope: LogScope): Promise<number> {
    const result = await this.es.run(() => this.es.client.count({ index: this.index, query: scopeQuery(scope) }));
    return result.count;
  }

  async histogram(scope: LogScope, intervalMs: number, splitByLevel: boolean): Promise<HistogramBucket[]> {
    const interval = Math.max(1, Math.floor(intervalMs));
    const result = await this.aggregate(scopeQuery(scope), {
      time: {
        date_histogram: { field: TIMESTAMP_FIELD, fixed_interval: `${interval}ms`, min_doc_count: 1 },
        ...(splitByLevel ? { aggs: { level: { terms: { field: 'level', size: 10, order: { _key: 'asc' } } } } } : {}),
      },
    });
    const out: HistogramBucket[] = [];
    for (const b of result.time.buckets as Agg[]) {
      const start = Number(b.key);
      if (!splitByLevel) out.push({ start, count: b.doc_count });
      else for (const l of b.level.buckets as Agg[]) out.push({ start, level: l.key, count: l.doc_count });
    }
    return out;
  }

  async topTerms(scope: LogScope, field: string, limit: number, orderBy: 'count' | 'avg_response' = 'count'): Promise<TermBucket[]> {
    if (limit <= 0) return [];
    const byAvg = orderBy === 'avg_response';
    const { agg, buckets } = termsAgg(target(field), { size: byAvg ? ALL_TERMS : Math.floor(limit), order: BY_COUNT }, {
      avg: { avg: { field: 'response_time_ms' } },
      p95: { percentiles: { field: 'response_time_ms', percents: [95] } },
    });
    const result = await this.aggregate(scopeQuery(scope), { terms: agg });
    const terms: TermBucket[] = buckets(result.terms).map((b) => ({
      value: String(b.key_as_string ?? b.key),
      count: b.doc_count,
      avgResponseTimeMs: b.avg.value ?? null,
      p95ResponseTimeMs: (Object.values(b.p95.values ?? {})[0] as number | null | undefined) ?? null,
    }));
    if (!byAvg) return terms;
    const avg = (t: TermBucket) => t.avgResponseTimeMs ?? null;
    return terms
      .sort((a, b) => {
        const x = avg(a);
        const y = avg(b);
        if (x !== y) {
          if (x === null) return 1;
          if (y === null) return -1;
          return y - x;
        }
        return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
      })
      .slice(0, Math.floor(limit));
  }

  async summary(scope: LogScope): Promise<LogSummary> {
    const result = await this.es.run(() =>
      this.es.client.search({
        index: this.index,
        query: scopeQuery(scope),
        size: 0,
        track_total_hits: true,
        aggs: {
          errors: { filter: { terms: { level: ERROR_LEVELS } } },
          avg: { avg: { field: 'response_time_ms' } },
          users: { cardinality: { field: 'user_id', precision_threshold: 40_000 } },
          services: { cardinality: { field: 'service', precision_threshold: 40_000 } },
          latest: { max: { field: TIMESTAMP_FIELD } },
        },
      }),
    );
    const aggs = result.aggregations as Agg;
    const total = typeof result.hits.total === 'number' ? result.hits.total : (result.hits.total?.value ?? 0);
    return {
      total,
      errors: aggs.errors.doc_count,
      avgResponseTimeMs: aggs.avg.value ?? null,
      uniqueUsers: aggs.users.value,
      services: aggs.services.value,
      latestAt: aggs.latest.value ?? null,
    };
  }

  async metricSeries(scope: LogScope, intervalMs: number, byService: boolean): Promise<MetricBucket[]> {
    const interval = Math.max(1, Math.floor(intervalMs));
    const base = scopeQuery(scope);
    const series = async (query: EsQuery, service?: string | null): Promise<MetricBucket[]> => {
      const result = await this.aggregate(query, {
        time: {
          date_histogram: { field: TIMESTAMP_FIELD, fixed_interval: `${interval}ms`, min_doc_count: 1 },
          aggs: {
            errors: { filter: { terms: { level: ERROR_LEVELS } } },
            times: { percentiles: { field: 'response_time_ms', percents: [50, 95], keyed: false } },
            timed: { value_count: { field: 'response_time_ms' } },
            users: { cardinality: { field: 'user_id', precision_threshold: 40_000 } },
          },
        },
      });
      return (result.time.buckets as Agg[]).map((b) => {
        const at = (percent: number) => ((b.times.values as { key: number; value: number | null }[]).find((v) => v.key === percent)?.value ?? null);
        return {
          start: Number(b.key),
          ...(service === undefined ? {} : { service }),
          count: b.doc_count,
          errors: b.errors.doc_count,
          p95ResponseTimeMs: at(95),
          medianResponseTimeMs: at(50),
          timed: b.timed.value,
          users: b.users.value,
        };
      });
    };
    if (!byService) return series(base);
    // One histogram per service rather than a terms x histogram grid: a week of minutes for a
    // dozen services would pass Elasticsearch's 65,536-bucket limit of one request.
    const found = await this.aggregate(base, { services: { terms: { field: 'service', size: ALL_TERMS } }, none: { missing: { field: 'service' } } });
    const services = (found.services.buckets as Agg[]).map((b) => String(b.key));
    const parts = await Promise.all([
      ...services.map((service) => series({ bool: { filter: [base, { term: { service } }] } }, service)),
      ...(found.none.doc_count > 0 ? [series({ bool: { filter: [base], must_not: [{ exists: { field: 'service' } }] } }, null)] : []),
    ]);
    return sortMetricBuckets(parts.flat());
  }

  async metric(scope: LogScope, request: MetricRequest): Promise<MetricPoint[]> {
    const value = metricAggs(request);
    const interval = request.intervalMs === undefined ? null : Math.max(1, Math.floor(request.intervalMs));
    const grouped = request.groupBy === undefined
      ? null
      : termsAgg(target(request.groupBy), { size: Math.floor(request.groupLimit ?? DEFAULT_GROUP_LIMIT), order: BY_COUNT }, value);
    const inner: Agg = grouped ? { groups: grouped.agg } : value;
    const aggs: Agg = interval === null ? inner : { time: { date_histogram: { field: TIMESTAMP_FIELD, fixed_interval: `${interval}ms`, min_doc_count: 1 }, aggs: inner } };
    const result = await this.es.run(() =>
      this.es.client.search({ index: this.index, query: scopeQuery(scope), size: 0, track_total_hits: true, aggs }),
    );
    const top = result.aggregations as Agg;
    const total = typeof result.hits.total === 'number' ? result.hits.total : (result.hits.total?.value ?? 0);
    const pointsOf = (bucket: Agg, count: number, start: number | null): MetricPoint[] =>
      grouped
        ? grouped.buckets(bucket.groups).map((g) => ({ start, group: String(g.key_as_string ?? g.key), count: g.doc_count, value: metricValueOf(request, g, g.doc_count) }))
        : [{ start, group: null, count, value: metricValueOf(request, bucket, count) }];
    const points = interval === null
      ? pointsOf(top, total, null)
      : (top.time.buckets as Agg[]).flatMap((b) => pointsOf(b, b.doc_count, Number(b.key)));
    return points.sort(byPointOrder);
  }

  async suggest(tenantId: string, field: string, prefix: string, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const pattern = prefix === '' ? undefined : field === 'message' ? `.*${literalSource(prefix, true)}.*` : `${literalSource(prefix, true)}.*`;
    const { agg, buckets } = termsAgg(target(field), { size: Math.floor(limit), order: BY_COUNT }, {}, pattern);
    const result = await this.aggregate(tenantQuery(tenantId), { terms: agg });
    return buckets(result.terms).map((b) => String(b.key_as_string ?? b.key));
  }

  async fields(scope: LogScope, topValues: number): Promise<FieldInfo[]> {
    const aggs: Agg = {};
    const size = Math.max(1, Math.floor(topValues));
    CANONICAL_ENTRIES.forEach(([name, f], i) => {
      const field = docField(name);
      aggs[`n_${i}`] = { filter: { exists: { field } } };
      if (countsTopValues(name, f.type)) aggs[`c_${i}`] = { terms: { field, size, order: BY_COUNT } };
    });
    // One key per record in `fields_k`: a key's doc_count is its record count.
    aggs.keys = { terms: { field: FIELD_KEYS, size: EXTRA_KEYS_LIMIT, order: { _key: 'asc' } } };
    const query = scopeQuery(scope);
    const result = await this.aggregate(query, aggs);
    const top = (a: Agg | undefined) => (topValues < 1 ? [] : ((a?.buckets ?? []) as Agg[]).map((b) => ({ value: String(b.key_as_string ?? b.key), count: b.doc_count as number })));
    const keys = (result.keys.buckets as Agg[]).map((k) => ({ name: String(k.key), count: k.doc_count as number }));
    const values: Agg = {};
    if (topValues >= 1 && keys.length > 0) {
      const valueAggs: Agg = {};
      const readers = keys.map((k, i) => {
        const { agg, buckets } = termsAgg({ extraKey: k.name }, { size, order: BY_COUNT });
        valueAggs[`v_${i}`] = agg;
        return buckets;
      });
      const found = await this.aggregate(query, valueAggs);
      readers.forEach((read, i) => (values[i] = { buckets: read(found[`v_${i}`]) }));
    }
    return [
      ...CANONICAL_ENTRIES.map(([name, f], i) => ({ name, type: f.type as string, count: result[`n_${i}`].doc_count as number, topValues: top(result[`c_${i}`]) })),
      ...keys.map((k, i) => ({ name: k.name, type: 'keyword', count: k.count, topValues: top(values[i]) })),
    ];
  }

  async *stream(scope: LogScope, sort: Page['sort'], batchSize: number): AsyncIterable<LogRecord[]> {
    const query = scopeQuery(scope);
    const size = Math.max(1, Math.floor(batchSize));
    let after: unknown[] | undefined;
    for (;;) {
      const result = await this.es.run(() =>
        this.es.client.search({
          index: this.index,
          query,
          size,
          sort: [{ [TIMESTAMP_FIELD]: sort }, { id: sort }] as never,
          ...(after ? { search_after: after as never } : {}),
          track_total_hits: false,
        }),
      );
      const hits = result.hits.hits;
      if (hits.length === 0) return;
      yield records(hits);
      if (hits.length < size) return;
      after = hits[hits.length - 1].sort;
    }
  }

  async healthy(): Promise<boolean> {
    return this.es.healthy();
  }

  private async aggregate(query: EsQuery, aggs: Agg): Promise<Agg> {
    const result = await this.es.run(() =>
      this.es.client.search({ index: this.index, query, size: 0, track_total_hits: false, aggs }),
    );
    return result.aggregations as Agg;
  }
}
