import { LOG_RECORD } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, input, int, map, nullable, num, obj, ok, oneOf, str, time } from '../openapi/schema';
import { METRIC_KINDS } from '../logs/log-metric';
import { RELATIVE_RANGES, WIDGET_TYPES } from './dashboard';
import { REFRESH_CHOICES } from './dashboard-input';

const TIME_RANGE = component('DashboardTimeRange', obj({
  range: oneOf([...RELATIVE_RANGES, 'custom']), from: nullable(str('custom: ISO 8601, epoch or now-15m')), to: nullable(str()),
}));
const TIME_RANGE_INPUT = { oneOf: [oneOf([...RELATIVE_RANGES]), input({ range: oneOf([...RELATIVE_RANGES, 'custom']), from: str(), to: str() }, ['range'])] };
const WIDGET_PROPERTIES = {
  id: str(), title: str(), type: oneOf(WIDGET_TYPES), query: str('Query language; empty: every record'), field: nullable(str()), stat: nullable(oneOf(METRIC_KINDS)),
  limit: nullable(int()), columns: arr(str()), width: int('Grid columns of 12'), height: int('Rows'),
};
const WIDGET = component('DashboardWidget', obj({ ...WIDGET_PROPERTIES, time_range: nullable(TIME_RANGE) }));
const WIDGET_INPUT = input({ ...WIDGET_PROPERTIES, field: str(), stat: oneOf(METRIC_KINDS), limit: int(), time_range: TIME_RANGE_INPUT }, ['type']);
const SUMMARY_PROPERTIES = {
  id: str(), name: str(), description: nullable(str()), owner: obj({ id: str(), username: str() }), shared: bool(), visibility: oneOf(['private', 'shared']),
  time_range: TIME_RANGE, refresh: str(`off or ${Object.keys(REFRESH_CHOICES).join(', ')}`), refresh_seconds: nullable(int()), widget_count: int(), version: int(),
  created_at: time(), updated_at: time(), can_edit: bool(), can_manage: bool(), url: str(),
};
const SUMMARY = component('DashboardSummary', obj(SUMMARY_PROPERTIES));
const DASHBOARD = component('Dashboard', obj({ ...SUMMARY_PROPERTIES, widgets: arr(WIDGET) }));
const CONTENT = {
  name: str(undefined, { minLength: 1 }), description: nullable(str()), shared: bool(), visibility: oneOf(['private', 'shared']), time_range: TIME_RANGE_INPUT,
  refresh: { oneOf: [str(), { type: 'integer' as const, nullable: true }] }, refresh_seconds: nullable(int()), widgets: arr(WIDGET_INPUT),
};
const WINDOW = obj({ from: time(), to: time() });
const WIDGET_DATA = component('WidgetData', {
  type: 'object',
  required: ['type', 'window'],
  properties: {
    type: oneOf(WIDGET_TYPES), window: WINDOW, interval_ms: int(),
    buckets: arr(obj({ time: time(), counts: map(int()), total: int() })),
    points: arr(obj({ time: time(), value: nullable(num()), count: int() })),
    stat: str(), field: nullable(str()), values: arr(obj({ value: str(), count: int() })), total: int(), other: nullable(int()),
    value: nullable(num()), count: int(), previous: nullable(num()), columns: arr(str()), records: arr(LOG_RECORD),
  },
  description: 'count_over_time: buckets; field_over_time: points; top_values, pie: values; number: value and previous; latest_records: records',
});
const RANGE_QUERY = { range: { schema: oneOf([...RELATIVE_RANGES, 'custom']), description: "Overrides the dashboard's range" }, from: str(), to: str() };
const NOT_FOUND = { 404: 'No such dashboard you may see' };

export const DASHBOARDS_DOCS = {
  list: { summary: 'Dashboards you may see (yours and the shared ones of your tenant)', response: ok({ dashboards: arr(SUMMARY), count: int() }) },
  create: { summary: 'Create a dashboard', body: input(CONTENT, ['name']), response: ok({ dashboard: DASHBOARD }) },
  preview: {
    summary: "A widget's data before it is saved (the editor's preview)", body: input({ widget: WIDGET_INPUT, time_range: TIME_RANGE_INPUT }, ['widget']),
    response: ok({ data: WIDGET_DATA }),
  },
  get: { summary: 'A dashboard with its widgets', response: ok({ dashboard: DASHBOARD }), responses: NOT_FOUND },
  update: {
    summary: 'Change a dashboard (the fields sent); `version` refuses a stale save', body: input({ ...CONTENT, version: int() }),
    response: ok({ dashboard: DASHBOARD }), responses: { ...NOT_FOUND, 409: 'Saved by someone else since `version`' },
  },
  delete: { summary: 'Delete a dashboard', response: ok({ message: str() }), responses: NOT_FOUND },
  copy: { summary: 'Copy a dashboard into one of your own', body: input({ name: str() }), bodyRequired: false, response: ok({ dashboard: DASHBOARD }), responses: NOT_FOUND },
  data: {
    summary: "Every widget's data over the dashboard's range (or the one asked for)", query: RANGE_QUERY,
    response: ok({ version: int(), widgets: map(WIDGET_DATA, 'By widget id') }), responses: NOT_FOUND,
  },
  widgetData: { summary: "One widget's data", query: RANGE_QUERY, response: ok({ data: WIDGET_DATA }), responses: { 404: 'No such dashboard or widget' } },
} satisfies Record<string, ApiDocOptions>;
