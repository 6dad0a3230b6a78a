import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { Clock } from '../platform/clock';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { viewerOf } from './dashboard-access';
import { newWidgetId, parseDashboardChanges, parseDashboardName, parseNewDashboard } from './dashboard-input';
import { dashboardResponse, dashboardSummary, widgetDataResponse } from './dashboard-presenter';
import { DashboardsService } from './dashboards.service';
import { parseTimeRange, timeRangeFromQuery } from './time-range-input';
import { WidgetDataService } from './widget-data.service';
import { parseFilter, parseWidget } from './widget-input';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { DASHBOARDS_DOCS } from './dashboards.openapi';

type Body = Record<string, unknown> | undefined;
type Q = Record<string, unknown>;

/** Seed 001's dashboards API, plus the data of their widgets. */
@Controller('api/dashboards')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly widgets: WidgetDataService,
    private readonly clock: Clock,
  ) {}

  @ApiDoc(DASHBOARDS_DOCS.list)
  @Get()
  @Access('read')
  async list(@CurrentPrincipal() who: Principal) {
    const viewer = viewerOf(who);
    const found = await this.dashboards.list(viewer);
    return { success: true, dashboards: found.map((d) => dashboardSummary(d, viewer)), count: found.length };
  }

  @ApiDoc(DASHBOARDS_DOCS.create)
  @Post()
  @Access('write')
  async create(@CurrentPrincipal() who: Principal, @Body() body: Body) {
    const viewer = viewerOf(who);
    return { success: true, dashboard: dashboardResponse(await this.dashboards.create(viewer, parseNewDashboard(body ?? {})), viewer) };
  }

  /** Draws a widget that is not saved yet (the editor's preview): `{widget, time_range}`. */
  @ApiDoc(DASHBOARDS_DOCS.preview)
  @Post('widget-data')
  @Access('read')
  @RateLimit('search')
  @HttpCode(200)
  async preview(@CurrentPrincipal() who: Principal, @Body() body: Body) {
    const widget = parseWidget(body?.widget, 'widget', newWidgetId);
    const range = parseTimeRange(body?.time_range ?? '24h', 'time_range');
    const data = await this.widgets.data(who.tenantId, widget, range, this.clock.now(), parseFilter(body?.q));
    return { success: true, data: widgetDataResponse(data) };
  }

  @ApiDoc(DASHBOARDS_DOCS.get)
  @Get(':id')
  @Access('read')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const viewer = viewerOf(who);
    return { success: true, dashboard: dashboardResponse(await this.dashboards.get(viewer, id), viewer) };
  }

  @ApiDoc(DASHBOARDS_DOCS.update)
  @Put(':id')
  @Access('write')
  async update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Body) {
    const viewer = viewerOf(who);
    return { success: true, dashboard: dashboardResponse(await this.dashboards.update(viewer, id, parseDashboardChanges(body ?? {})), viewer) };
  }

  @ApiDoc(DASHBOARDS_DOCS.delete)
  @Delete(':id')
  @Access('write')
  async delete(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.dashboards.delete(viewerOf(who), id);
    return { success: true, message: 'Dashboard deleted' };
  }

  @ApiDoc(DASHBOARDS_DOCS.copy)
  @Post(':id/copy')
  @Access('write')
  async copy(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Body) {
    const viewer = viewerOf(who);
    const name = body?.name === undefined ? undefined : parseDashboardName(body.name);
    return { success: true, dashboard: dashboardResponse(await this.dashboards.copy(viewer, id, name), viewer) };
  }

  /** Every widget's data, over the dashboard's range or the one the URL asks for (`?range=6h`), narrowed by `?q=`. */
  @ApiDoc(DASHBOARDS_DOCS.data)
  @Get(':id/data')
  @Access('read')
  @RateLimit('search')
  async data(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() query: Q) {
    const dashboard = await this.dashboards.get(viewerOf(who), id);
    const range = timeRangeFromQuery(query) ?? dashboard.timeRange;
    const data = await this.widgets.all(who.tenantId, dashboard, range, this.clock.now(), parseFilter(query.q));
    return { success: true, version: dashboard.version, widgets: Object.fromEntries([...data].map(([widgetId, d]) => [widgetId, widgetDataResponse(d)])) };
  }

  @ApiDoc(DASHBOARDS_DOCS.widgetData)
  @Get(':id/widgets/:widgetId/data')
  @Access('read')
  @RateLimit('search')
  async widgetData(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Param('widgetId') widgetId: string, @Query() query: Q) {
    const dashboard = await this.dashboards.get(viewerOf(who), id);
    const widget = this.widgets.widgetOf(dashboard, widgetId);
    const range = timeRangeFromQuery(query) ?? dashboard.timeRange;
    const data = await this.widgets.data(who.tenantId, widget, range, this.clock.now(), parseFilter(query.q));
    return { success: true, data: widgetDataResponse(data) };
  }
}
