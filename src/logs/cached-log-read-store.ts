import { Logger } from '@nestjs/common';
import { TenantCache } from '../platform/cache/tenant-cache';
import { EventBus } from '../platform/events/event-bus';
import { LogReadStore } from './log-read-store';
import { LogRecord } from './log-record';
import { MetricBucket } from './metric-bucket';
import { FieldInfo, HistogramBucket, LogScope, LogSummary, Page, TermBucket } from './log-scope';

/**
 * Caches the answers of searches and aggregations per tenant for a TTL. New or deleted
 * records of a tenant drop its entries (a generation bump), so a cached answer is never
 * older than that tenant's last write. Single-record reads and exports are not cached.
 */
export class CachedLogReadStore extends LogReadStore {
  private readonly logger = new Logger(CachedLogReadStore.name);

  constructor(
    private readonly inner: LogReadStore,
    private readonly cache: TenantCache,
    private readonly ttlSeconds: number,
    events: EventBus,
  ) {
    super();
    // A failed bump (Redis away) must not crash the process; entries still expire by TTL.
    const bump = (tenantId: string) =>
      cache.invalidate(tenantId).catch((err) => this.logger.warn(`Cache invalidation for ${tenantId} failed: ${err?.message ?? err}`));
    events.on('logs.ingested', (e) => void bump(e.tenantId));
    events.on('logs.deleted', (e) => void bump(e.tenantId));
  }

  private cached<T>(tenantId: string, op: string, args: unknown, load: () => Promise<T>): Promise<T> {
    return this.cache.remember(tenantId, `logs:${op}`, args, this.ttlSeconds, load);
  }

  search(scope: LogScope, page: Page): Promise<{ total: number; records: LogRecord[] }> {
    return this.cached(scope.tenantId, 'search', [scope, page], () => this.inner.search(scope, page));
  }
  count(scope: LogScope): Promise<number> {
    return this.cached(scope.tenantId, 'count', scope, () => this.inner.count(scope));
  }
  histogram(scope: LogScope, intervalMs: number, splitByLevel: boolean): Promise<HistogramBucket[]> {
    return this.cached(scope.tenantId, 'histogram', [scope, intervalMs, splitByLevel], () => this.inner.histogram(scope, intervalMs, splitByLevel));
  }
  topTerms(scope: LogScope, field: string, limit: number, orderBy?: 'count' | 'avg_response'): Promise<TermBucket[]> {
    return this.cached(scope.tenantId, 'terms', [scope, field, limit, orderBy], () => this.inner.topTerms(scope, field, limit, orderBy));
  }
  summary(scope: LogScope): Promise<LogSummary> {
    return this.cached(scope.tenantId, 'summary', scope, () => this.inner.summary(scope));
  }
  metricSeries(scope: LogScope, intervalMs: number, byService: boolean): Promise<MetricBucket[]> {
    return this.cached(scope.tenantId, 'metrics', [scope, intervalMs, byService], () => this.inner.metricSeries(scope, intervalMs, byService));
  }
  suggest(tenantId: string, field: string, prefix: string, limit: number): Promise<string[]> {
    return this.cached(tenantId, 'suggest', [field, prefix, limit], () => this.inner.suggest(tenantId, field, prefix, limit));
  }
  fields(scope: LogScope, topValues: number): Promise<FieldInfo[]> {
    return this.cached(scope.tenantId, 'fields', [scope, topValues], () => this.inner.fields(scope, topValues));
  }

  get(tenantId: string, id: string) {
    return this.inner.get(tenantId, id);
  }
  around(tenantId: string, id: string, before: number, after: number) {
    return this.inner.around(tenantId, id, before, after);
  }
  stream(scope: LogScope, sort: Page['sort'], batchSize: number) {
    return this.inner.stream(scope, sort, batchSize);
  }
  healthy() {
    return this.inner.healthy();
  }
}
