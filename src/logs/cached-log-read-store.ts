import { Logger } from '@nestjs/common';
import { TenantCache } from '../platform/cache/tenant-cache';
import { EventBus } from '../platform/events/event-bus';
import { LogReadStore } from './log-read-store';
import { MetricPoint, MetricRequest } from './log-metric';
import { LogRecord } from './log-record';
import { MetricBucket } from './metric-bucket';
import { AroundField, FieldInfo, HistogramBucket, LogScope, LogSummary, Page, TermBucket } from './log-scope';

/**
 * A range that ended this long before now is "settled": ingest rarely adds to it (shippers
 * deliver within seconds or minutes), so its answers are kept across ingest of newer records.
 */
export const SETTLED_AFTER_MS = 15 * 60_000;

/**
 * Caches the answers of searches and aggregations per tenant for a TTL. A cached answer is
 * never older than the tenant's last write that could change it (docs/decisions/0004, 0016):
 * every key embeds one of two generations of the tenant. The live generation is bumped by
 * every ingest and delete; it keys answers whose range is open or ends less than
 * SETTLED_AFTER_MS ago. The settled generation keys answers whose range ended earlier, and is
 * bumped only by deletes and by ingests holding a record at least SETTLED_AFTER_MS old at
 * commit time (or of unknown age). That is exact: a record that could fall in a settled
 * range (timestamp ≤ its end < lookup time − SETTLED_AFTER_MS ≤ commit time −
 * SETTLED_AFTER_MS) always bumps the settled generation. Single-record reads and exports are
 * not cached.
 */
export class CachedLogReadStore extends LogReadStore {
  private readonly logger = new Logger(CachedLogReadStore.name);

  constructor(
    private readonly inner: LogReadStore,
    private readonly cache: TenantCache,
    private readonly ttlSeconds: number,
    events: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    super();
    // A failed bump (Redis away) must not crash the process; entries still expire by TTL.
    const bump = (tenantId: string, liveOnly: boolean) =>
      cache.invalidate(tenantId, liveOnly).catch((err) => this.logger.warn(`Cache invalidation for ${tenantId} failed: ${err?.message ?? err}`));
    events.on('logs.ingested', (e) => void bump(e.tenantId, e.oldestTimestamp !== undefined && e.oldestTimestamp > this.now() - SETTLED_AFTER_MS));
    events.on('logs.deleted', (e) => void bump(e.tenantId, false));
  }

  private cached<T>(tenantId: string, op: string, args: unknown, load: () => Promise<T>, rangeEnd?: number): Promise<T> {
    const settled = rangeEnd !== undefined && rangeEnd < this.now() - SETTLED_AFTER_MS;
    return this.cache.remember(tenantId, `logs:${op}`, args, this.ttlSeconds, load, settled);
  }

  search(scope: LogScope, page: Page): Promise<{ total: number; records: LogRecord[] }> {
    return this.cached(scope.tenantId, 'search', [scope, page], () => this.inner.search(scope, page), scope.to);
  }
  count(scope: LogScope): Promise<number> {
    return this.cached(scope.tenantId, 'count', scope, () => this.inner.count(scope), scope.to);
  }
  histogram(scope: LogScope, intervalMs: number, splitByLevel: boolean): Promise<HistogramBucket[]> {
    return this.cached(scope.tenantId, 'histogram', [scope, intervalMs, splitByLevel], () => this.inner.histogram(scope, intervalMs, splitByLevel), scope.to);
  }
  topTerms(scope: LogScope, field: string, limit: number, orderBy?: 'count' | 'avg_response'): Promise<TermBucket[]> {
    return this.cached(scope.tenantId, 'terms', [scope, field, limit, orderBy], () => this.inner.topTerms(scope, field, limit, orderBy), scope.to);
  }
  summary(scope: LogScope): Promise<LogSummary> {
    return this.cached(scope.tenantId, 'summary', scope, () => this.inner.summary(scope), scope.to);
  }
  metricSeries(scope: LogScope, intervalMs: number, byService: boolean): Promise<MetricBucket[]> {
    return this.cached(scope.tenantId, 'metrics', [scope, intervalMs, byService], () => this.inner.metricSeries(scope, intervalMs, byService), scope.to);
  }
  suggest(tenantId: string, field: string, prefix: string, limit: number): Promise<string[]> {
    return this.cached(tenantId, 'suggest', [field, prefix, limit], () => this.inner.suggest(tenantId, field, prefix, limit));
  }
  fields(scope: LogScope, topValues: number): Promise<FieldInfo[]> {
    return this.cached(scope.tenantId, 'fields', [scope, topValues], () => this.inner.fields(scope, topValues), scope.to);
  }

  get(tenantId: string, id: string) {
    return this.inner.get(tenantId, id);
  }
  around(tenantId: string, id: string, before: number, after: number, same?: AroundField[]) {
    return this.inner.around(tenantId, id, before, after, same);
  }
  stream(scope: LogScope, sort: Page['sort'], batchSize: number) {
    return this.inner.stream(scope, sort, batchSize);
  }
  /** Not cached: alert evaluations move their window every run, so entries would never be hit. */
  metric(scope: LogScope, request: MetricRequest): Promise<MetricPoint[]> {
    return this.inner.metric(scope, request);
  }
  healthy() {
    return this.inner.healthy();
  }
}

