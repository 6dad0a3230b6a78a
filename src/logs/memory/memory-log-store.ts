import * as fs from 'node:fs';
import { quantile } from '../../platform/stats/quantile';
import { CANONICAL_ENTRIES, countsTopValues, EXTRA_KEYS_LIMIT } from '../field-catalog';
import { CANONICAL_FIELDS, FieldType, isCanonicalField, LogRecord } from '../log-record';
import { byPointOrder, DEFAULT_GROUP_LIMIT, MetricPoint, MetricRequest } from '../log-metric';
import { LogReadStore } from '../log-read-store';
import { AroundField, aroundValue, aroundValues, DEFAULT_AROUND, FieldInfo, HistogramBucket, LogScope, LogSummary, Page, TermBucket } from '../log-scope';
import { LogWriteStore, SpooledBatch, TenantUsage } from '../log-write-store';
import { MetricBucket, sortMetricBuckets } from '../metric-bucket';
import { fromStored } from '../stored-record';
import { compileScopePredicate, fieldText, fieldValue } from '../query/record-predicate';

const ERROR_LEVELS = new Set(['ERROR', 'CRITICAL']);

type Value = string | number;

/**
 * Log storage in one array, for unit tests: `write` and `read` are the two ports over the
 * same records. It answers as the DuckDB store does (log-store.contract.ts is the judge);
 * every read is a scan, so keep test data small.
 */
export class MemoryLogStore {
  private records: LogRecord[] = [];
  readonly write: LogWriteStore;
  readonly read: LogReadStore;

  constructor() {
    this.write = new MemoryLogWriteStore(this);
    this.read = new MemoryLogReadStore(this);
  }

  /** Adds records of one tenant at once; copies them, so later changes by the caller do not leak in. */
  add(tenantId: string, records: LogRecord[]): void {
    this.records.push(...records.map((r) => ({ ...structuredClone(r), tenantId })));
  }

  removeWhere(predicate: (r: LogRecord) => boolean): number {
    const before = this.records.length;
    this.records = this.records.filter((r) => !predicate(r));
    return before - this.records.length;
  }

  ofTenant(tenantId: string): LogRecord[] {
    return this.records.filter((r) => r.tenantId === tenantId);
  }

  /** Records of a scope (tenant, query, inclusive time range). */
  inScope(scope: LogScope): LogRecord[] {
    return this.records.filter(compileScopePredicate(scope));
  }
}

class MemoryLogWriteStore extends LogWriteStore {
  constructor(private readonly store: MemoryLogStore) {
    super();
  }

  async appendSpooled(batches: SpooledBatch[]): Promise<void> {
    // Read every file before adding anything: a call is one unit.
    const loaded = batches
      .filter((b) => b.count > 0)
      .map((b) => ({
        tenantId: b.tenantId,
        records: fs
          .readFileSync(b.path, 'utf8')
          .split('\n')
          .filter((line) => line.trim().length > 0)
          .map((line) => fromStored(JSON.parse(line))),
      }));
    for (const { tenantId, records } of loaded) this.store.add(tenantId, records);
  }

  async append(tenantId: string, records: LogRecord[]): Promise<void> {
    this.store.add(tenantId, records);
  }

  async deleteByFile(tenantId: string, fileId: string): Promise<number> {
    return this.store.removeWhere((r) => r.tenantId === tenantId && r.fileId === fileId);
  }

  async deleteOlderThan(tenantId: string, before: number): Promise<number> {
    return this.store.removeWhere((r) => r.tenantId === tenantId && r.timestamp < before);
  }

  async deleteTenant(tenantId: string): Promise<number> {
    return this.store.removeWhere((r) => r.tenantId === tenantId);
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    const records = this.store.ofTenant(tenantId);
    return {
      records: records.length,
      oldest: records.length === 0 ? null : records.reduce((min, r) => Math.min(min, r.timestamp), Infinity),
      bytes: records.reduce((n, r) => n + JSON.stringify(r).length, 0),
    };
  }
}

class MemoryLogReadStore extends LogReadStore {
  constructor(private readonly store: MemoryLogStore) {
    super();
  }

  async search(scope: LogScope, page: Page): Promise<{ total: number; records: LogRecord[] }> {
    const matching = this.store.inScope(scope);
    const field = page.sortField && isCanonicalField(page.sortField) ? page.sortField : '@timestamp';
    const sorted = matching.sort(byField(field, page.sort));
    return { total: matching.length, records: copies(sorted.slice(page.offset, page.offset + page.limit)) };
  }

  async get(tenantId: string, id: string): Promise<LogRecord | null> {
    const found = this.store.ofTenant(tenantId).find((r) => r.id === id);
    return found ? structuredClone(found) : null;
  }

  async around(tenantId: string, id: string, before: number, after: number, same: AroundField[] = DEFAULT_AROUND) {
    const record = await this.get(tenantId, id);
    if (!record) return null;
    const values = aroundValues(record, same);
    const neighbours = this.store
      .ofTenant(tenantId)
      .filter((r) => values.every(([field, value]) => aroundValue(r, field) === value))
      .sort(byField('@timestamp', 'asc'));
    const at = neighbours.findIndex((r) => r.id === id);
    return {
      record,
      before: copies(neighbours.slice(Math.max(0, at - Math.max(0, before)), at)),
      after: copies(neighbours.slice(at + 1, at + 1 + Math.max(0, after))),
    };
  }

  async count(scope: LogScope): Promise<number> {
    return this.store.inScope(scope).length;
  }

  async histogram(scope: LogScope, intervalMs: number, splitByLevel: boolean): Promise<HistogramBucket[]> {
    const interval = Math.max(1, Math.floor(intervalMs));
    const buckets = new Map<string, HistogramBucket>();
    for (const r of this.store.inScope(scope)) {
      const start = Math.floor(r.timestamp / interval) * interval;
      const key = splitByLevel ? `${start} ${r.level}` : String(start);
      const bucket = buckets.get(key) ?? { start, ...(splitByLevel ? { level: r.level } : {}), count: 0 };
      bucket.count++;
      buckets.set(key, bucket);
    }
    return [...buckets.values()].sort((a, b) => a.start - b.start || compare(a.level ?? '', b.level ?? ''));
  }

  async topTerms(scope: LogScope, field: string, limit: number, orderBy: 'count' | 'avg_response' = 'count'): Promise<TermBucket[]> {
    const groups = new Map<string, { count: number; times: number[] }>();
    for (const r of this.store.inScope(scope)) {
      for (const value of field === 'tags' ? r.tags : [fieldText(r, field)]) {
        if (value === null) continue;
        const group = groups.get(value) ?? { count: 0, times: [] };
        group.count++;
        if (r.responseTimeMs !== null) group.times.push(r.responseTimeMs);
        groups.set(value, group);
      }
    }
    const buckets = [...groups].map(([value, g]) => ({
      value,
      count: g.count,
      avgResponseTimeMs: mean(g.times),
      p95ResponseTimeMs: quantileOrNull(g.times, 0.95),
    }));
    const byCount = (a: TermBucket, b: TermBucket) => b.count - a.count || compare(a.value, b.value);
    const byAvg = (a: TermBucket, b: TermBucket) => nullsLast(a.avgResponseTimeMs ?? null, b.avgResponseTimeMs ?? null, 'desc') || byCount(a, b);
    return buckets.sort(orderBy === 'avg_response' ? byAvg : byCount).slice(0, Math.max(0, limit));
  }

  async summary(scope: LogScope): Promise<LogSummary> {
    const records = this.store.inScope(scope);
    const distinct = (values: (string | null)[]) => new Set(values.filter((v) => v !== null)).size;
    return {
      total: records.length,
      errors: records.filter((r) => ERROR_LEVELS.has(r.level)).length,
      avgResponseTimeMs: mean(records.flatMap((r) => (r.responseTimeMs === null ? [] : [r.responseTimeMs]))),
      uniqueUsers: distinct(records.map((r) => r.userId)),
      services: distinct(records.map((r) => r.service)),
      latestAt: records.length === 0 ? null : Math.max(...records.map((r) => r.timestamp)),
    };
  }

  async metricSeries(scope: LogScope, intervalMs: number, byService: boolean): Promise<MetricBucket[]> {
    const interval = Math.max(1, Math.floor(intervalMs));
    const groups = new Map<string, { start: number; service: string | null; records: LogRecord[] }>();
    for (const r of this.store.inScope(scope)) {
      const start = Math.floor(r.timestamp / interval) * interval;
      const key = byService ? `${start}\u0000${r.service === null ? '\u0001' : r.service}` : String(start);
      const group = groups.get(key) ?? { start, service: r.service, records: [] };
      group.records.push(r);
      groups.set(key, group);
    }
    return sortMetricBuckets(
      [...groups.values()].map((g) => {
        const times = g.records.flatMap((r) => (r.responseTimeMs === null ? [] : [r.responseTimeMs]));
        return {
          start: g.start,
          ...(byService ? { service: g.service } : {}),
          count: g.records.length,
          errors: g.records.filter((r) => ERROR_LEVELS.has(r.level)).length,
          p95ResponseTimeMs: quantileOrNull(times, 0.95),
          medianResponseTimeMs: quantileOrNull(times, 0.5),
          timed: times.length,
          users: new Set(g.records.flatMap((r) => (r.userId === null ? [] : [r.userId]))).size,
        };
      }),
    );
  }

  async metric(scope: LogScope, request: MetricRequest): Promise<MetricPoint[]> {
    const interval = request.intervalMs === undefined ? null : Math.max(1, Math.floor(request.intervalMs));
    const cells = new Map<string, { start: number | null; group: string | null; records: LogRecord[] }>();
    for (const r of this.store.inScope(scope)) {
      const group = request.groupBy === undefined ? null : fieldText(r, request.groupBy);
      if (request.groupBy !== undefined && group === null) continue;
      const start = interval === null ? null : Math.floor(r.timestamp / interval) * interval;
      const key = JSON.stringify([start, group]);
      const cell = cells.get(key) ?? { start, group, records: [] };
      cell.records.push(r);
      cells.set(key, cell);
    }
    // Without buckets or groups the answer is one point, even over no records (a count of 0).
    if (interval === null && request.groupBy === undefined && cells.size === 0) cells.set('', { start: null, group: null, records: [] });
    const points = [...cells.values()]
      .map((c) => ({ start: c.start, group: c.group, count: c.records.length, value: metricValue(request, c.records) }))
      .sort(byPointOrder);
    if (request.groupBy === undefined) return points;
    const limit = request.groupLimit ?? DEFAULT_GROUP_LIMIT;
    const perBucket = new Map<number | null, number>();
    return points.filter((p) => {
      const n = (perBucket.get(p.start) ?? 0) + 1;
      perBucket.set(p.start, n);
      return n <= limit;
    });
  }

  async suggest(tenantId: string, field: string, prefix: string, limit: number): Promise<string[]> {
    const wanted = prefix.toLowerCase();
    const fits = (v: string) => (field === 'message' ? v.toLowerCase().includes(wanted) : v.toLowerCase().startsWith(wanted));
    const counts = new Map<string, number>();
    for (const r of this.store.ofTenant(tenantId)) {
      for (const value of field === 'tags' ? r.tags : [fieldText(r, field)]) {
        if (value !== null && fits(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    return topOf(counts, limit).map((t) => t.value);
  }

  async fields(scope: LogScope, topValues: number): Promise<FieldInfo[]> {
    const matched = this.store.inScope(scope);
    const extraKeys = [...new Set(matched.flatMap((r) => Object.keys(r.fields)))].sort(compare).slice(0, EXTRA_KEYS_LIMIT);
    const summary = (name: string, type: string): FieldInfo => {
      const counts = new Map<string, number>();
      let count = 0;
      for (const r of matched) {
        const values = name === 'tags' ? r.tags : [fieldText(r, name)].filter((v): v is string => v !== null);
        if (values.length > 0) count++;
        for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return { name, type, count, topValues: countsTopValues(name, type as FieldType) ? topOf(counts, topValues) : [] };
    };
    return [...CANONICAL_ENTRIES.map(([name, f]) => summary(name, f.type)), ...extraKeys.map((name) => summary(name, 'keyword'))];
  }

  async *stream(scope: LogScope, sort: Page['sort'], batchSize: number): AsyncIterable<LogRecord[]> {
    const sorted = this.store.inScope(scope).sort(byField('@timestamp', sort));
    const size = Math.max(1, batchSize);
    for (let i = 0; i < sorted.length; i += size) yield copies(sorted.slice(i, i + size));
  }

  async healthy(): Promise<boolean> {
    return true;
  }
}

function copies(records: LogRecord[]): LogRecord[] {
  return records.map((r) => structuredClone(r));
}

/** Binary string order, as DuckDB compares VARCHAR. */
function compare(a: Value, b: Value): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nullsLast(a: Value | null, b: Value | null, direction: Page['sort']): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return direction === 'asc' ? compare(a, b) : compare(b, a);
}

/** Order by a canonical field (missing values last), then by id in the same direction. */
function byField(field: string, direction: Page['sort']) {
  return (a: LogRecord, b: LogRecord) =>
    nullsLast(fieldValue(a, field) as Value | null, fieldValue(b, field) as Value | null, direction) ||
    (direction === 'asc' ? compare(a.id, b.id) : compare(b.id, a.id));
}

/** Most frequent first, then by value. */
function topOf(counts: Map<string, number>, limit: number): { value: string; count: number }[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compare(a.value, b.value))
    .slice(0, Math.max(0, limit));
}

function metricValue(request: MetricRequest, records: LogRecord[]): number | null {
  const numbers = () => records.flatMap((r) => {
    const v = fieldValue(r, request.field ?? '');
    return typeof v === 'number' ? [v] : [];
  });
  switch (request.kind) {
    case 'count':
      return records.length;
    case 'error_rate':
      return records.length === 0 ? null : (100 * records.filter((r) => ERROR_LEVELS.has(r.level)).length) / records.length;
    case 'avg':
      return mean(numbers());
    case 'p95':
      return quantileOrNull(numbers(), 0.95);
    case 'max': {
      const values = numbers();
      return values.length === 0 ? null : values.reduce((m, v) => (v > m ? v : m), -Infinity);
    }
    case 'unique_count':
      return new Set(records.map((r) => fieldText(r, request.field ?? '')).filter((v) => v !== null)).size;
  }
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** DuckDB's quantile_cont, as the store port answers it: null, not NaN, for no values. */
function quantileOrNull(values: number[], q: number): number | null {
  return values.length === 0 ? null : quantile(values, q);
}
