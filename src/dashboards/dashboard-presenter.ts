import { toApiRecord } from '../logs/stored-record';
import { Dashboard, TimeRange, Widget } from './dashboard';
import { canEdit, canManage, DashboardViewer } from './dashboard-access';
import { REFRESH_CHOICES } from './dashboard-input';
import { WidgetData, WidgetFailure } from './widget-data';

/** Maps dashboards and widget data to the API's snake_case answers, in one place. */
const iso = (ms: number) => new Date(ms).toISOString();

const refreshName = (seconds: number | null) => (seconds === null ? 'off' : (Object.keys(REFRESH_CHOICES).find((k) => REFRESH_CHOICES[k] === seconds) ?? `${seconds}s`));

export const timeRangeResponse = (t: TimeRange) => ({ range: t.range, from: t.from, to: t.to });

export const widgetResponse = (w: Widget) => ({
  id: w.id, title: w.title, type: w.type, query: w.query, field: w.field, stat: w.stat, limit: w.limit, columns: w.columns,
  width: w.width, height: w.height, time_range: w.timeRange && timeRangeResponse(w.timeRange),
});

function summary(d: Dashboard, viewer: DashboardViewer) {
  return {
    id: d.id, name: d.name, description: d.description, owner: { id: d.ownerId, username: d.ownerName },
    shared: d.shared, visibility: d.shared ? 'shared' : 'private', time_range: timeRangeResponse(d.timeRange),
    refresh: refreshName(d.refreshSeconds), refresh_seconds: d.refreshSeconds, widget_count: d.widgets.length,
    version: d.version, created_at: iso(d.createdAt), updated_at: iso(d.updatedAt),
    can_edit: canEdit(viewer, d), can_manage: canManage(viewer, d), url: `/dashboards/${encodeURIComponent(d.id)}`,
  };
}

export const dashboardSummary = summary;

export const dashboardResponse = (d: Dashboard, viewer: DashboardViewer) => ({ ...summary(d, viewer), widgets: d.widgets.map(widgetResponse) });

/** A widget's numbers, times as ISO strings, records in the search API's form; a failure as `{type, error}`. */
export function widgetDataResponse(data: WidgetData | WidgetFailure) {
  if ('error' in data) return { type: data.type, error: data.error };
  const window = { from: iso(data.window.from), to: iso(data.window.to) };
  switch (data.type) {
    case 'count_over_time':
      return { type: data.type, window, interval_ms: data.intervalMs, buckets: data.buckets.map((b) => ({ time: iso(b.start), counts: b.counts, total: b.total })) };
    case 'field_over_time':
      return { type: data.type, window, interval_ms: data.intervalMs, stat: data.stat, field: data.field, points: data.points.map((p) => ({ time: iso(p.start), value: p.value, count: p.count })) };
    case 'top_values':
    case 'pie':
      return { type: data.type, window, field: data.field, values: data.values, total: data.total, other: data.other };
    case 'number':
      return { type: data.type, window, stat: data.stat, field: data.field, value: data.value, count: data.count, previous: data.previous };
    case 'latest_records':
      return { type: data.type, window, columns: data.columns, total: data.total, records: data.records.map(toApiRecord) };
  }
}
