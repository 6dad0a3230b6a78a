import { SEARCH_FILTERS } from '../openapi/common-schemas';
import { METRIC_KINDS } from '../logs/log-metric';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, int, map, nullable, num, obj, ok, oneOf, str, time } from '../openapi/schema';
import type { SchemaObject } from '@nestjs/swagger';

const RANGE = SEARCH_FILTERS;
/** The dashboard's own calls also take `range=all`: from the first record on. */
const DASHBOARD_RANGE = { ...SEARCH_FILTERS, range: { schema: oneOf(['all']), description: 'all: from the first record (when date_from is not given)' } };
const ROUTE = 'Route template learned from the paths (`/api/products/{id}`)';
const CHART = (extra: Record<string, SchemaObject> = {}) => ok({ labels: arr(str()), data: arr(int()), ...extra });
const MS = nullable(num('ms'));

export const DASHBOARD_DOCS = {
  stats: {
    summary: 'Dashboard numbers for a range (default: the last 24 h)', query: DASHBOARD_RANGE,
    response: ok({
      total_logs: int(), total_logs_in_window: int(), total_logs_24h: int(), avg_response_time_24h: MS, unique_users_24h: int(),
      error_rate: num('Percent'), avg_response_time: MS,
      top_slowest_endpoints: arr(obj({ endpoint: str(ROUTE), avg_response_time: MS, count: int(), paths: int('Distinct paths of the route'), query: str('Search query for its records') })), unique_users: int(),
      latest_error: nullable(obj({ '@timestamp': time(), message: str(), endpoint: nullable(str()), id: str(), service: nullable(str()) })),
      system_status: map({ type: 'boolean' }), window: obj({ from: time(), to: time() }),
    }, ['total_logs_24h', 'avg_response_time_24h', 'unique_users_24h']),
  },
  logsPerHour: {
    summary: 'Logs per hour (last 24 h by default; per day over more than 31 days)', query: DASHBOARD_RANGE,
    response: ok({ interval: oneOf(['1h', '1d']), labels: arr(str()), data: arr(int()), timestamps: arr(int('epoch ms')) }),
  },
  topEndpoints: {
    summary: 'Top 10 route templates (or raw paths) with average and p95 response times',
    description: 'With `group=route` (default), paths are grouped by route template, learned from the 10,000 most requested paths of the range (`complete` is false when it has more); the average is weighed by requests and p95 is given for a route of one path only. With `group=path`, the 10 most requested raw `endpoint` values, each with its exact average and p95.',
    query: { ...DASHBOARD_RANGE, group: { schema: oneOf(['route', 'path']), description: 'route (default): learned route templates; path: raw endpoint values' } },
    response: CHART({ avg_response_time: arr(MS), p95_response_time: arr(MS), paths: arr(int()), queries: arr(str()), complete: bool() }),
  },
  statusDistribution: { summary: 'Records per HTTP status code', query: DASHBOARD_RANGE, response: ok({ labels: arr(str()), data: arr(int()), colors: arr(str()) }) },
  errorRate: { summary: 'ERROR and CRITICAL records per day', query: DASHBOARD_RANGE, response: ok({ labels: arr(str()), data: arr(int()), timestamps: arr(int('epoch ms')), total_errors: int() }) },
  levels: { summary: 'Records per level', query: DASHBOARD_RANGE, response: CHART() },
  overview: {
    summary: 'Seed 002 metrics overview (cached)', query: DASHBOARD_RANGE,
    response: ok({
      total_logs: int(), logs_last_hour: int(), logs_per_minute: num(), logs_last_minute: int(), error_rate: num('Percent'), services_count: int(),
      active_services: int('Services with records in the last hour'), logs_per_minute_previous: num('The hour before the last'),
      logs_per_minute_change_percent: nullable(num('Last hour against the one before; null when that one had none')),
      error_rate_last_hour: nullable(num('Percent')), error_rate_previous_hour: nullable(num('Percent')),
    }),
  },
  timeseries: {
    summary: 'Records per level per interval (cached)', query: { ...DASHBOARD_RANGE, interval: { schema: str(undefined, { pattern: '^\\d+[smhd]$' }), description: '30s, 5m (default), 1h, 1d' } },
    response: ok({ interval: str(), buckets: arr(obj({ time: time(), counts: map(int()), total: int() })) }),
  },
  aggregate: {
    summary: 'One statistic over a search: count, error rate, avg / p95 / max of a numeric field, distinct values of a keyword field',
    description: 'Over the search filters and range (default: the last 24 h; `range=all`: every record), exactly. Without `group_by` and `interval` the answer is one `value` (and `count`, the matching records); with them, one point per group (most frequent first, at most `limit`) and per bucket, buckets and groups without records left out. `error_rate` is a percent of ERROR and CRITICAL; a value is null where there is nothing to compute it over.',
    query: {
      ...DASHBOARD_RANGE,
      stat: { schema: oneOf([...METRIC_KINDS]), description: 'count (default), error_rate, avg, p95, max, unique_count' },
      field: { schema: str(), description: 'avg, p95, max: response_time_ms, status_code or query_duration_ms; unique_count: a keyword field such as user_id' },
      group_by: { schema: str(), description: 'A keyword field (service, server, endpoint, …) or a key of fields' },
      interval: { schema: str(undefined, { pattern: '^\\d+[smhd]$' }), description: 'One point per bucket of 30s, 5m, 1h, 1d, …' },
      limit: { schema: int(), description: 'Groups per bucket with group_by, 1 to 1000 (default 100)' },
    },
    response: ok({
      stat: str(), field: nullable(str()), group_by: nullable(str()), interval: nullable(str()), window: obj({ from: time(), to: time() }),
      value: nullable(num()), count: int(),
      points: arr(obj({ time: nullable(time()), group: nullable(str()), count: int(), value: nullable(num()) })),
    }, ['value', 'count']),
  },
} satisfies Record<string, ApiDocOptions>;

export const SERVICE_METRICS_DOCS = {
  service: {
    summary: "One service's volume, error rate, logs/min, levels, top errors and p95 (cached)", query: RANGE,
    response: ok({
      service: str(), total_logs: int(), error_count: int(), error_rate: num(), logs_last_hour: int(), logs_per_minute: num(),
      levels: map(int()), top_errors: arr(obj({ message: str(), count: int() })), avg_response_time: MS, p95_response_time: MS, latest_at: nullable(time()),
    }),
  },
  system: {
    summary: 'Volume, error rate and services of your tenant (cached)', query: RANGE,
    response: ok({
      total_logs: int(), error_rate: num(), logs_last_hour: int(), logs_per_minute: num(), services_count: int(), unique_users: int(),
      services: arr(obj({ name: str(), count: int(), errors: int(), error_rate: num() })),
    }),
  },
} satisfies Record<string, ApiDocOptions>;
