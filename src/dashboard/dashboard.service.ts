import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { HistogramBucket, LogScope } from '../logs/log-scope';
import { LogRecord } from '../logs/log-record';
import { MetricRequest } from '../logs/log-metric';
import { QueryNode } from '../logs/query/query-ast';
import { groupByRoute, RouteStat } from './route-templates';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_BUCKETS = 5000;
/** The 400 message of an interval that tooManyBuckets refuses. */
export const TOO_MANY_BUCKETS = `gives too many buckets for this time range (at most ${MAX_BUCKETS})`;
const tooManyBuckets = (window: Window, intervalMs: number) => (window.to - window.from) / intervalMs > MAX_BUCKETS;
/** The most requested paths that route templates are learned from and counted over. */
export const ROUTE_PATHS = 10_000;
const ERROR_QUERY: QueryNode = {
  kind: 'or',
  children: ['ERROR', 'CRITICAL'].map((value) => ({ kind: 'phrase', field: 'level', value, position: 0 })),
};

export interface Window {
  from: number;
  to: number;
}

/** Fills the buckets a store left out (no records) with zero, from `from` to `to`. */
export function denseBuckets(buckets: HistogramBucket[], window: Window, intervalMs: number): { start: number; count: number }[] {
  const counts = new Map(buckets.map((b) => [b.start, b.count]));
  const first = Math.floor(window.from / intervalMs) * intervalMs;
  const out: { start: number; count: number }[] = [];
  for (let t = first; t <= window.to && out.length < MAX_BUCKETS; t += intervalMs) out.push({ start: t, count: counts.get(t) ?? 0 });
  return out;
}

/** The numbers behind the dashboard, the charts and the metrics API, for one scope. */
@Injectable()
export class DashboardService {
  constructor(private readonly logs: LogReadStore) {}

  withErrors(scope: LogScope): LogScope {
    return { ...scope, query: { kind: 'and', children: [scope.query, ERROR_QUERY] } };
  }

  window(scope: LogScope, defaultSpanMs: number, now = Date.now()): Window {
    const to = scope.to ?? now;
    return { from: scope.from ?? to - defaultSpanMs, to };
  }

  async stats(scope: LogScope, now = Date.now()) {
    const window = this.window(scope, DAY, now);
    const recent: LogScope = { ...scope, ...window };
    const [total, recentSummary, slowest, latestError] = await Promise.all([
      this.logs.count(scope),
      this.logs.summary(recent),
      this.routes(recent, 5, 'avg_response'),
      this.logs.search(this.withErrors(scope), { offset: 0, limit: 1, sort: 'desc' }),
    ]);
    return { total, window, recent: recentSummary, slowest: slowest.routes, latestError: (latestError.records[0] ?? null) as LogRecord | null };
  }

  /**
   * Requests per route template (`/api/products/{id}`, route-templates.ts, decision 0120), learned
   * from the scope's ROUTE_PATHS most requested paths: exact while the scope has no more distinct
   * paths than that (`complete`). Slowest first by mean response time with `avg_response`.
   */
  async routes(scope: LogScope, limit: number, orderBy: 'count' | 'avg_response' = 'count'): Promise<{ routes: RouteStat[]; complete: boolean }> {
    const paths = await this.logs.topTerms(scope, 'endpoint', ROUTE_PATHS);
    const routes = groupByRoute(paths);
    const ranked = orderBy === 'count' ? routes
      : routes.filter((r) => r.avgResponseTimeMs !== null).sort((a, b) => b.avgResponseTimeMs! - a.avgResponseTimeMs! || b.count - a.count);
    return { routes: ranked.slice(0, limit), complete: paths.length < ROUTE_PATHS };
  }

  /** The most requested raw endpoint values (no route grouping), each with its exact p95. */
  async topPaths(scope: LogScope, limit: number): Promise<RouteStat[]> {
    const paths = await this.logs.topTerms(scope, 'endpoint', limit);
    return paths.map((p) => ({ route: p.value, count: p.count, avgResponseTimeMs: p.avgResponseTimeMs ?? null, p95ResponseTimeMs: p.p95ResponseTimeMs ?? null, paths: 1 }));
  }

  /** The time of the scope's first record: where "all time" starts. */
  async firstRecordAt(scope: LogScope): Promise<number | null> {
    const first = await this.logs.search(scope, { offset: 0, limit: 1, sort: 'asc' });
    return first.records[0]?.timestamp ?? null;
  }

  async logsPerInterval(scope: LogScope, intervalMs: number, defaultSpanMs: number) {
    const window = this.window(scope, defaultSpanMs);
    const buckets = await this.logs.histogram({ ...scope, ...window }, intervalMs, false);
    return denseBuckets(buckets, window, intervalMs);
  }

  async errorsPerDay(scope: LogScope) {
    const window = this.window(scope, 7 * DAY);
    const buckets = await this.logs.histogram({ ...this.withErrors(scope), ...window }, DAY, false);
    return denseBuckets(buckets, window, DAY);
  }

  async levelSeries(scope: LogScope, intervalMs: number, defaultSpanMs: number) {
    const window = this.window(scope, defaultSpanMs);
    if (tooManyBuckets(window, intervalMs)) return null;
    const buckets = await this.logs.histogram({ ...scope, ...window }, intervalMs, true);
    return { window, buckets };
  }

  /**
   * One statistic over a scope (the last `defaultSpanMs` when it gives no range), per group
   * and per bucket when asked; null when the interval gives more than MAX_BUCKETS buckets.
   */
  async aggregate(scope: LogScope, request: MetricRequest, defaultSpanMs: number) {
    const window = this.window(scope, defaultSpanMs);
    if (request.intervalMs !== undefined && tooManyBuckets(window, request.intervalMs)) return null;
    return { window, points: await this.logs.metric({ ...scope, ...window }, request) };
  }

  topTerms(scope: LogScope, field: string, limit: number, orderBy: 'count' | 'avg_response' = 'count') {
    return this.logs.topTerms(scope, field, limit, orderBy);
  }

  /** Seed 002's service metrics: volume, errors, the last hour, levels, top error messages, p95. */
  async serviceMetrics(scope: LogScope, now = Date.now()) {
    const [all, lastHour, levels, topErrors, timing] = await Promise.all([
      this.logs.summary(scope),
      this.logs.count({ ...scope, from: now - HOUR, to: now }),
      this.logs.topTerms(scope, 'level', 10),
      this.logs.topTerms(this.withErrors(scope), 'message', 5),
      this.logs.topTerms(scope, 'service', 1),
    ]);
    return { all, lastHour, levels, topErrors, p95ResponseTimeMs: timing[0]?.p95ResponseTimeMs ?? null };
  }

  /** Seed 002's system metrics: the whole tenant, per service. */
  async systemMetrics(scope: LogScope, now = Date.now()) {
    const [all, lastHour, services, serviceErrors] = await Promise.all([
      this.logs.summary(scope),
      this.logs.count({ ...scope, from: now - HOUR, to: now }),
      this.logs.topTerms(scope, 'service', 50),
      this.logs.topTerms(this.withErrors(scope), 'service', 50),
    ]);
    const errorsOf = new Map(serviceErrors.map((t) => [t.value, t.count]));
    return { all, lastHour, services: services.map((t) => ({ ...t, errors: errorsOf.get(t.value) ?? 0 })) };
  }

  /** Totals, and the last hour against the hour before it (seed 004's cards and their trends). */
  async overview(scope: LogScope, now = Date.now()) {
    const lastHourScope = { ...scope, from: now - HOUR, to: now };
    const previousHourScope = { ...scope, from: now - 2 * HOUR, to: now - HOUR };
    const [all, lastHour, lastMinuteCount, previousHour, errorsLastHour, errorsPreviousHour, activeServices] = await Promise.all([
      this.logs.summary(scope),
      this.logs.count(lastHourScope),
      this.logs.count({ ...scope, from: now - 60_000, to: now }),
      this.logs.count(previousHourScope),
      this.logs.count(this.withErrors(lastHourScope)),
      this.logs.count(this.withErrors(previousHourScope)),
      this.logs.topTerms(lastHourScope, 'service', 1000),
    ]);
    return { all, lastHour, lastMinuteCount, previousHour, errorsLastHour, errorsPreviousHour, activeServices: activeServices.length };
  }
}
