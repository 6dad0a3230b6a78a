import { Controller, Get, Param, Render, UseFilters } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { LEVELS } from '../logs/log-record';
import { METRIC_KINDS } from '../logs/log-metric';
import { PageExceptionFilter } from '../web/page-exception.filter';
import { pageModel } from '../web/page-model';
import { WIDGET_TYPES } from './dashboard';
import { REFRESH_CHOICES } from './dashboard-input';

/** The dashboards pages; their scripts read and change dashboards through /api/dashboards. */
@Controller('dashboards')
@UseFilters(PageExceptionFilter)
export class DashboardsPagesController {
  @Get()
  @Access('read')
  @Render('dashboards')
  list(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'dashboards', 'Dashboards');
  }

  /** One dashboard, its time picker, and the editor (add, remove, arrange, resize widgets). */
  @Get(':id')
  @Access('read')
  @Render('dashboard-view')
  view(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return pageModel(who, 'dashboards', 'Dashboard', {
      dashboardId: id, charts: true, levels: LEVELS, widgetTypes: WIDGET_TYPES, stats: METRIC_KINDS, refreshChoices: Object.keys(REFRESH_CHOICES),
      script: '/js/dashboard-view.js', scripts: ['/js/dashboard-widgets.js', '/js/dashboard-editor.js'],
    });
  }
}
