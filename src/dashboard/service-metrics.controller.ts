import { Controller, Get, Param, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { AppConfig } from '../config/app-config';
import { TenantCache } from '../platform/cache/tenant-cache';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { dashboardScope } from './dashboard-request';
import { DashboardService } from './dashboard.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { SERVICE_METRICS_DOCS } from './dashboard.openapi';

type Q = Record<string, unknown>;
const round = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? null : Number(n.toFixed(digits)));
const rate = (part: number, total: number) => (total === 0 ? 0 : round((part / total) * 100));

/** Seed 002's `/metrics/service/{name}` and `/metrics/system`, cached per their TTLs. */
@Controller('api/metrics')
@Access('read')
@RateLimit('metrics')
export class ServiceMetricsController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly cache: TenantCache,
    private readonly config: AppConfig,
  ) {}

  @ApiDoc(SERVICE_METRICS_DOCS.service)
  @Get('service/:name')
  service(@CurrentPrincipal() who: Principal, @Param('name') name: string, @Query() query: Q) {
    return this.cache.remember(who.tenantId, 'metrics:service', [name, query], this.config.endpointCacheTtls.service, async () => {
      const m = await this.dashboard.serviceMetrics(dashboardScope(who.tenantId, { ...query, service: name }));
      return {
        success: true,
        service: name,
        total_logs: m.all.total,
        error_count: m.all.errors,
        error_rate: rate(m.all.errors, m.all.total),
        logs_last_hour: m.lastHour,
        logs_per_minute: round(m.lastHour / 60),
        levels: Object.fromEntries(m.levels.map((t) => [t.value, t.count])),
        top_errors: m.topErrors.map((t) => ({ message: t.value, count: t.count })),
        avg_response_time: round(m.all.avgResponseTimeMs),
        p95_response_time: round(m.p95ResponseTimeMs),
        latest_at: m.all.latestAt === null ? null : new Date(m.all.latestAt).toISOString(),
      };
    });
  }

  @ApiDoc(SERVICE_METRICS_DOCS.system)
  @Get('system')
  system(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    return this.cache.remember(who.tenantId, 'metrics:system', query, this.config.endpointCacheTtls.system, async () => {
      const m = await this.dashboard.systemMetrics(dashboardScope(who.tenantId, query));
      return {
        success: true,
        total_logs: m.all.total,
        error_rate: rate(m.all.errors, m.all.total),
        logs_last_hour: m.lastHour,
        logs_per_minute: round(m.lastHour / 60),
        services_count: m.all.services,
        unique_users: m.all.uniqueUsers,
        services: m.services.map((s) => ({ name: s.value, count: s.count, errors: s.errors, error_rate: rate(s.errors, s.count) })),
      };
    });
  }
}
