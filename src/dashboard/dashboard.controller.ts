import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { AppConfig } from '../config/app-config';
import { TenantCache } from '../platform/cache/tenant-cache';
import { badParameter } from '../platform/http/bad-request';
import { HealthService } from '../observability/health.service';
import { DashboardService, TOO_MANY_BUCKETS } from './dashboard.service';
import { dashboardScope, dayLabel, endpointGrouping, hourLabel, isAllTime, parseAggregate, parseInterval, statusColor } from './dashboard-request';
import { literalQuery, templateQuery } from './route-templates';
import { LogScope } from '../logs/log-scope';
import { MetricRequest } from '../logs/log-metric';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { DASHBOARD_DOCS } from './dashboard.openapi';

type Q = Record<string, unknown>;
const HOUR = 3_600_000;
const round = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? null : Number(n.toFixed(digits)));
/** A share in percent; null when there is nothing to share (no records in that hour). */
const percent = (part: number, total: number) => (total === 0 ? null : round((part / total) * 100));

/** Dashboard numbers and chart series in the shapes seed 000 documents. */
@Controller('api')
@Access('read')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly health: HealthService,
    private readonly cache: TenantCache,
    private readonly config: AppConfig,
  ) {}

  /** The metrics API answers, cached per tenant and query for their own TTL (seed 002). */
  private cachedMetric<T>(who: Principal, name: keyof AppConfig['endpointCacheTtls'], query: Q, load: () => Promise<T>): Promise<T> {
    return this.cache.remember(who.tenantId, `metrics:${name}`, query, this.config.endpointCacheTtls[name], load);
  }

  /**
   * The scope of a call; with `range=all` (and no date_from) it starts at the first record, so
   * the windows and buckets of every chart span all the data rather than the default 24 hours.
   */
  private async scopeOf(who: Principal, query: Q): Promise<LogScope> {
    const scope = dashboardScope(who.tenantId, query);
    if (!isAllTime(query) || scope.from !== undefined) return scope;
    const to = scope.to ?? Date.now();
    const first = await this.dashboard.firstRecordAt(scope);
    return { ...scope, from: Math.min(first ?? to - 24 * HOUR, to), to };
  }

  @ApiDoc(DASHBOARD_DOCS.stats)
  @Get('stats')
  async stats(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const scope = await this.scopeOf(who, query);
    const [s, components] = await Promise.all([this.dashboard.stats(scope), this.health.components()]);
    const error = s.latestError;
    const avgResponseTime = round(s.recent.avgResponseTimeMs);
    // The seed's `_24h` names are true only for the default window; with a range asked for,
    // only the range's names are sent.
    const last24h = scope.from === undefined && scope.to === undefined
      ? { total_logs_24h: s.recent.total, avg_response_time_24h: avgResponseTime, unique_users_24h: s.recent.uniqueUsers }
      : {};
    return {
      success: true,
      total_logs: s.total,
      total_logs_in_window: s.recent.total,
      ...last24h,
      error_rate: s.recent.total === 0 ? 0 : round((s.recent.errors / s.recent.total) * 100),
      avg_response_time: avgResponseTime,
      top_slowest_endpoints: s.slowest.map((r) => ({ endpoint: r.route, avg_response_time: round(r.avgResponseTimeMs), count: r.count, paths: r.paths, query: templateQuery(r.route) })),
      unique_users: s.recent.uniqueUsers,
      latest_error: error && { '@timestamp': new Date(error.timestamp).toISOString(), message: error.message, endpoint: error.endpoint, id: error.id, service: error.service },
      system_status: components,
      window: { from: new Date(s.window.from).toISOString(), to: new Date(s.window.to).toISOString() },
    };
  }

  @ApiDoc(DASHBOARD_DOCS.logsPerHour)
  @Get('charts/logs_per_hour')
  async logsPerHour(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const scope = await this.scopeOf(who, query);
    // Hourly up to a month (720 bars); a longer range (all time) counts per day.
    const span = (scope.to ?? Date.now()) - (scope.from ?? Date.now() - 24 * HOUR);
    const daily = span > 31 * 24 * HOUR;
    const buckets = await this.dashboard.logsPerInterval(scope, daily ? 24 * HOUR : HOUR, 24 * HOUR);
    return {
      success: true, interval: daily ? '1d' : '1h',
      labels: buckets.map((b) => (daily ? dayLabel(b.start) : hourLabel(b.start))), data: buckets.map((b) => b.count), timestamps: buckets.map((b) => b.start),
    };
  }

  @ApiDoc(DASHBOARD_DOCS.topEndpoints)
  @Get('charts/top_endpoints')
  async topEndpoints(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const grouping = endpointGrouping(query);
    const scope = await this.scopeOf(who, query);
    const { routes, complete } = grouping === 'route'
      ? await this.dashboard.routes(scope, 10)
      : { routes: await this.dashboard.topPaths(scope, 10), complete: true };
    return {
      success: true,
      labels: routes.map((r) => r.route),
      data: routes.map((r) => r.count),
      avg_response_time: routes.map((r) => round(r.avgResponseTimeMs)),
      p95_response_time: routes.map((r) => round(r.p95ResponseTimeMs)),
      paths: routes.map((r) => r.paths),
      queries: routes.map((r) => (grouping === 'route' ? templateQuery(r.route) : literalQuery(r.route))),
      complete,
    };
  }

  @ApiDoc(DASHBOARD_DOCS.statusDistribution)
  @Get('charts/status_distribution')
  async statusDistribution(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const terms = await this.dashboard.topTerms(await this.scopeOf(who, query), 'status_code', 50);
    const sorted = [...terms].sort((a, b) => Number(a.value) - Number(b.value));
    return { success: true, labels: sorted.map((t) => t.value), data: sorted.map((t) => t.count), colors: sorted.map((t) => statusColor(t.value)) };
  }

  @ApiDoc(DASHBOARD_DOCS.errorRate)
  @Get('charts/error_rate')
  async errorRate(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const days = await this.dashboard.errorsPerDay(await this.scopeOf(who, query));
    return { success: true, labels: days.map((d) => dayLabel(d.start)), data: days.map((d) => d.count), timestamps: days.map((d) => d.start), total_errors: days.reduce((n, d) => n + d.count, 0) };
  }

  @ApiDoc(DASHBOARD_DOCS.levels)
  @Get('charts/levels')
  async levels(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const terms = await this.dashboard.topTerms(await this.scopeOf(who, query), 'level', 10);
    return { success: true, labels: terms.map((t) => t.value), data: terms.map((t) => t.count) };
  }

  @ApiDoc(DASHBOARD_DOCS.overview)
  @Get('metrics/overview')
  @RateLimit('metrics')
  overview(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return this.cachedMetric(who, 'overview', query, () => this.overviewOf(who, query));
  }

  private async overviewOf(who: Principal, query: Q) {
    const o = await this.dashboard.overview(await this.scopeOf(who, query));
    return {
      success: true,
      total_logs: o.all.total,
      logs_last_hour: o.lastHour,
      logs_per_minute: round(o.lastHour / 60),
      logs_last_minute: o.lastMinuteCount,
      error_rate: o.all.total === 0 ? 0 : round((o.all.errors / o.all.total) * 100),
      services_count: o.all.services,
      // Seed 004's cards: the last hour against the hour before.
      active_services: o.activeServices,
      logs_per_minute_previous: round(o.previousHour / 60),
      logs_per_minute_change_percent: o.previousHour === 0 ? null : round(((o.lastHour - o.previousHour) / o.previousHour) * 100),
      error_rate_last_hour: percent(o.errorsLastHour, o.lastHour),
      error_rate_previous_hour: percent(o.errorsPreviousHour, o.previousHour),
    };
  }

  /**
   * One statistic over a search, as Kibana Lens' metric or VictoriaLogs' `| stats`: count,
   * error rate, avg / p95 / max of a numeric field or the distinct values of a keyword field,
   * over the whole range or per `group_by` value (most frequent first) and per `interval`.
   */
  @ApiDoc(DASHBOARD_DOCS.aggregate)
  @Get('metrics/aggregate')
  @RateLimit('metrics')
  aggregate(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const request = parseAggregate(query);
    return this.cachedMetric(who, 'aggregate', query, () => this.aggregateOf(who, query, request));
  }

  private async aggregateOf(who: Principal, query: Q, request: MetricRequest) {
    const result = await this.dashboard.aggregate(await this.scopeOf(who, query), request, 24 * HOUR);
    if (!result) throw badParameter('interval', TOO_MANY_BUCKETS);
    const single = request.groupBy === undefined && request.intervalMs === undefined;
    const whole = single ? result.points[0] : undefined;
    return {
      success: true,
      stat: request.kind,
      field: request.field ?? null,
      group_by: request.groupBy ?? null,
      interval: request.intervalMs === undefined ? null : String(query.interval),
      window: { from: new Date(result.window.from).toISOString(), to: new Date(result.window.to).toISOString() },
      ...(whole ? { value: round(whole.value, 4), count: whole.count } : {}),
      points: result.points.map((p) => ({ time: p.start === null ? null : new Date(p.start).toISOString(), group: p.group, count: p.count, value: round(p.value, 4) })),
    };
  }

  @ApiDoc(DASHBOARD_DOCS.timeseries)
  @Get('metrics/timeseries')
  @RateLimit('metrics')
  timeseries(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return this.cachedMetric(who, 'timeseries', query, () => this.timeseriesOf(who, query));
  }

  private async timeseriesOf(who: Principal, query: Q) {
    const interval = parseInterval(query.interval, '5m');
    const series = await this.dashboard.levelSeries(await this.scopeOf(who, query), interval, 24 * HOUR);
    if (!series) throw badParameter('interval', TOO_MANY_BUCKETS);
    const byStart = new Map<number, Record<string, number>>();
    for (const b of series.buckets) {
      const counts = byStart.get(b.start) ?? {};
      counts[b.level!] = b.count;
      byStart.set(b.start, counts);
    }
    const first = Math.floor(series.window.from / interval) * interval;
    const buckets = [];
    for (let t = first; t <= series.window.to; t += interval) {
      const counts = byStart.get(t) ?? {};
      buckets.push({ time: new Date(t).toISOString(), counts, total: Object.values(counts).reduce((a, b) => a + b, 0) });
    }
    return { success: true, interval: String(query.interval ?? '5m'), buckets };
  }
}
