import { Injectable, NotFoundException } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { LogScope } from '../logs/log-scope';
import { parseQuery } from '../logs/query/query-parser';
import { Dashboard, TimeRange, Widget } from './dashboard';
import { WidgetData, WidgetWindow } from './widget-data';
import { bucketStarts, widgetInterval } from './widget-interval';
import { resolveTimeRange } from './time-range-input';

/**
 * Runs widgets against the log store. Every read is confined to the caller's tenant by the
 * scope; the widget's own time range, when it has one, wins over the dashboard's.
 */
@Injectable()
export class WidgetDataService {
  constructor(private readonly logs: LogReadStore) {}

  /** Every widget of a dashboard, by widget id, over one range (a widget's own range still wins). */
  async all(tenantId: string, dashboard: Dashboard, range: TimeRange, now: number): Promise<Map<string, WidgetData>> {
    const data = await Promise.all(dashboard.widgets.map(async (w) => [w.id, await this.data(tenantId, w, range, now)] as const));
    return new Map(data);
  }

  widgetOf(dashboard: Dashboard, widgetId: string): Widget {
    const widget = dashboard.widgets.find((w) => w.id === widgetId);
    if (!widget) throw new NotFoundException({ success: false, error: 'not_found', message: `Dashboard ${dashboard.id} has no widget ${widgetId}` });
    return widget;
  }

  async data(tenantId: string, widget: Widget, dashboardRange: TimeRange, now: number): Promise<WidgetData> {
    const window = resolveTimeRange(widget.timeRange ?? dashboardRange, now);
    const scope: LogScope = { tenantId, query: parseQuery(widget.query), ...window };
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
