import { Controller, Get, Param, Render, UseFilters } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { ANOMALY_SUBJECTS, METHODS, METRICS } from '../anomalies/anomaly';
import { LEVELS } from '../logs/log-record';
import { PageExceptionFilter } from './page-exception.filter';
import { pageModel, SOCKET_IO_CLIENT } from './page-model';


/**
 * The search page's parts, loaded in this order before /js/search.js wires them (each registers
 * on window.LognestSearch). A feature that adds to the page appends its script here.
 */
const SEARCH_SCRIPTS = ['state', 'results', 'sidebar', 'histogram', 'time', 'detail', 'autocomplete', 'add-to-dashboard', 'patterns'].map((name) => `/js/search-${name}.js`);

/**
 * The signed-in pages. Each renders a shell; its script in public/js fetches the data from
 * the JSON API, so pages and API clients see the same numbers and permissions.
 */
@Controller()
@UseFilters(PageExceptionFilter)
export class PagesController {
  @Get()
  @Access('read')
  @Render('dashboard')
  dashboard(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'dashboard', 'Dashboard', { charts: true, scripts: [SOCKET_IO_CLIENT, '/js/anomaly-links.js', '/js/anomaly-panel.js'] });
  }

  @Get('anomalies')
  @Access('read')
  @Render('anomalies')
  anomalies(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'anomalies', 'Anomalies', { methods: METHODS, metrics: ANOMALY_SUBJECTS, scripts: ['/js/anomaly-links.js'] });
  }

  @Get('search')
  @Access('read')
  @Render('search')
  search(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'search', 'Search', { levels: LEVELS, charts: true, scripts: SEARCH_SCRIPTS });
  }

  @Get('live')
  @Access('read')
  @Render('live')
  live(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'live', 'Live', { levels: LEVELS, maxRows: '2,000', scripts: [SOCKET_IO_CLIENT, '/js/search-autocomplete.js', '/js/live-detail.js'] });
  }

  @Get('trace/:correlationId')
  @Access('read')
  @Render('trace')
  trace(@CurrentPrincipal() who: Principal, @Param('correlationId') correlationId: string) {
    return pageModel(who, 'trace', `Trace ${correlationId}`, { correlationId });
  }

  @Get('alerts')
  @Access('read')
  @Render('alerts')
  alerts(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'alerts', 'Alerts', { charts: true, anomalyMetrics: METRICS, anomalyMethods: METHODS });
  }

  @Get('upload')
  @Access('ingest')
  @Render('upload')
  upload(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'upload', 'Upload', { scripts: ['/js/upload-preview.js'] });
  }

  @Get('files')
  @Access('read')
  @Render('files')
  files(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'files', 'Files');
  }

  @Get('saved')
  @Access('read')
  @Render('saved')
  saved(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'saved', 'Saved searches');
  }

  @Get('history')
  @Access('read')
  @Render('history')
  history(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'history', 'History');
  }

  @Get('settings')
  @Access('read')
  @Render('settings')
  settings(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'settings', 'Settings');
  }

  @Get('settings/admin')
  @Access('admin')
  @Render('admin')
  admin(@CurrentPrincipal() who: Principal) {
    return pageModel(who, 'admin', 'Administration', { roles: ['admin', 'member', 'viewer'] });
  }
}
