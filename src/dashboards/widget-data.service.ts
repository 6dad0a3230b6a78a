import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InvalidQueryError } from '../logs/query/invalid-query-error';
import { QuerySyntaxError } from '../logs/query/query-syntax-error';
import { LogReadStore } from '../logs/log-read-store';
import { LogScope } from '../logs/log-scope';
import { QueryNode } from '../logs/query/query-ast';
import { parseQuery } from '../logs/query/query-parser';
import { Dashboard, TimeRange, Widget } from './dashboard';
import { WidgetData, WidgetFailure, WidgetWindow } from './widget-data';
import { bucketStarts, widgetInterval } from './widget-interval';
import { resolveTimeRange } from './time-range-input';

const MATCH_ALL: QueryNode = { kind: 'match_all' };

/**
 * Runs widgets against the log store. Every read is confined to the caller's tenant by the
 * scope; the widget's own time range, when it has one, wins over the dashboard's.
 */
@Injectable()
export class WidgetDataService {
  private readonly logger = new Logger('Dashboards');

  constructor(private readonly logs: LogReadStore) {}

  /**
   * Every widget of a dashboard, by widget id, over one range (a widget's own range still wins).
   * A widget the store refuses (a regex its engine cannot run) fails alone, with the reason.
   */
  async all(tenantId: string, dashboard: Dashboard, range: TimeRange, now: number, filter: QueryNode = MATCH_ALL): Promise<Map<string, WidgetData | WidgetFailure>> {
    const settled = await Promise.allSettled(dashboard.widgets.map((w) => this.data(tenantId, w, range, now, filter)));
    return new Map(dashboard.widgets.map((w, i) => {
      const result = settled[i];
      return [w.id, result.status === 'fulfilled' ? result.value : this.failure(w, result.reason)] as const;
    }));
  }

  private failure(widget: Widget, reason: unknown): WidgetFailure {
    if (reason instanceof QuerySyntaxError || reason instanceof InvalidQueryError) return { type: widget.type, error: reason.message };
    this.logger.error(`Widget ${widget.id} failed: ${reason instanceof Error ? reason.stack : String(reason)}`);
    return { type: widget.type, error: 'This widget could not be computed; the server log has the reason' };
  }

  widgetOf(dashboard: Dashboard, widgetId: string): Widget {
    const widget = dashboard.widgets.find((w) => w.id === widgetId);
    if (!widget) throw new NotFoundException({ success: false, error: 'not_found', message: `Dashboard ${dashboard.id} has no widget ${widgetId}` });
    return widget;
  }

  /** One widget's data; `filter` (the dashboard-wide query) narrows the widget's own query. */
  async data(tenantId: string, widget: Widget, dashboardRange: TimeRange, now: number, filter: QueryNode = MATCH_ALL): Promise<WidgetData> {
    const window = resolveTimeRange(widget.timeRange ?? dashboardRange, now);
    const own = parseQuery(widget.query);
    const query: QueryNode = filter.kind === 'match_all' ? own : own.kind === 'match_all' ? filter : { kind: 'and', children: [own, filter] };
    const scope: LogScope = { tenantId, query, ...window };
    switch (widget.type) {
      case 'count_over_time':
        return this.countOverTime(scope, window);
      case 'field_over_time':
        return this.fieldOverTime(scope, window, widget);
      case 'top_values':
      case 'pie':
        return this.topValues(scope, window, widget);
      case 'number':
        return this.number(scope, window, widget);
      case 'latest_records':
        return this.latest(scope, window, widget);
    }
  }

  private async countOverTime(scope: LogScope, window: WidgetWindow): Promise<WidgetData> {
    const intervalMs = widgetInterval(window.to - window.from);
    const found = await this.logs.histogram(scope, intervalMs, true);
    const byStart = new Map<number, Record<string, number>>();
    for (const b of found) byStart.set(b.start, { ...byStart.get(b.start), [b.level ?? 'UNKNOWN']: b.count });
    const buckets = bucketStarts(window.from, window.to, intervalMs).map((start) => {
      const counts = byStart.get(start) ?? {};
      return { start, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    });
    return { type: 'count_over_time', window, intervalMs, buckets };
  }

  private async fieldOverTime(scope: LogScope, window: WidgetWindow, widget: Widget): Promise<WidgetData> {
    const intervalMs = widgetInterval(window.to - window.from);
    const found = await this.logs.metric(scope, { kind: widget.stat!, field: widget.field!, intervalMs });
    const byStart = new Map(found.map((p) => [p.start, p]));
    const points = bucketStarts(window.from, window.to, intervalMs).map((start) => ({
      start, value: byStart.get(start)?.value ?? null, count: byStart.get(start)?.count ?? 0,
    }));
    return { type: 'field_over_time', window, intervalMs, stat: widget.stat!, field: widget.field!, points };
  }

  private async topValues(scope: LogScope, window: WidgetWindow, widget: Widget): Promise<WidgetData> {
    const field = widget.field!;
    const [terms, total] = await Promise.all([this.logs.topTerms(scope, field, widget.limit!), this.logs.count(scope)]);
    const values = terms.map((t) => ({ value: t.value, count: t.count }));
    // A record has one value of a field, so the rest is "other", except for tags (several per record)
    // and for records that lack the field, which count towards neither.
    const other = field === 'tags' ? null : Math.max(0, (await this.withField(scope, field)) - values.reduce((n, v) => n + v.count, 0));
    return { type: widget.type as 'top_values' | 'pie', window, field, values, total, other };
  }

  private withField(scope: LogScope, field: string): Promise<number> {
    return this.logs.count({ ...scope, query: { kind: 'and', children: [scope.query, { kind: 'exists', field, position: 0 }] } });
  }

  private async number(scope: LogScope, window: WidgetWindow, widget: Widget): Promise<WidgetData> {
    const request = { kind: widget.stat!, field: widget.field ?? undefined };
    const span = window.to - window.from;
    // The same span just before, for the trend a stat card shows beside its number.
    const [current, previous] = await Promise.all([
      this.logs.metric(scope, request),
      this.logs.metric({ ...scope, from: window.from - span - 1, to: window.from - 1 }, request),
    ]);
    const valueOf = (points: typeof current) => (widget.stat === 'count' ? (points[0]?.value ?? 0) : (points[0]?.value ?? null));
    return { type: 'number', window, stat: widget.stat!, field: widget.field, value: valueOf(current), count: current[0]?.count ?? 0, previous: valueOf(previous) };
  }

  private async latest(scope: LogScope, window: WidgetWindow, widget: Widget): Promise<WidgetData> {
    const page = await this.logs.search(scope, { offset: 0, limit: widget.limit!, sort: 'desc' });
    return { type: 'latest_records', window, columns: widget.columns, total: page.total, records: page.records };
  }
}
