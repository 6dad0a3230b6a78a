import { DEFAULT_GROUP_LIMIT, isGroupableField, METRIC_KINDS, metricFieldProblem, MetricKind, MetricRequest } from '../logs/log-metric';
import { LogScope } from '../logs/log-scope';
import { badParameter } from '../platform/http/bad-request';
import { buildScope } from '../search/scope-builder';
import { parseSearchRequest } from '../search/search-request';

/** The scope of a chart or stats call: `q`, `date_from`, `date_to` and the search filters. */
export function dashboardScope(tenantId: string, query: Record<string, unknown>): LogScope {
  return buildScope(tenantId, parseSearchRequest(query));
}

/** `range=all`: the charts span every record (the only value `range` takes on these calls). */
export function isAllTime(query: Record<string, unknown>): boolean {
  if (query.range === undefined || query.range === '') return false;
  if (query.range !== 'all') throw badParameter('range', `"${String(query.range)}" is not a range here; send all, or date_from and date_to`);
  return true;
}

/** `group` of top endpoints: `route` (default, learned route templates) or `path` (the raw endpoint values). */
export function endpointGrouping(query: Record<string, unknown>): 'route' | 'path' {
  const value = query.group;
  if (value === undefined || value === '' || value === 'route') return 'route';
  if (value === 'path') return 'path';
  throw badParameter('group', `"${String(value)}" is not a grouping here; send route or path`);
}

const INTERVAL_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h`, `1d` → milliseconds. */
export function parseInterval(raw: unknown, fallback: string): number {
  const value = raw === undefined || raw === '' ? fallback : String(raw);
  const m = /^(\d+)([smhd])$/.exec(value.trim());
  if (!m || Number(m[1]) === 0) throw badParameter('interval', `"${value}" is not an interval such as 30s, 5m, 1h, 1d`);
  return Number(m[1]) * INTERVAL_MS[m[2]];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `Oct 30, 10:00` (UTC), the seed's hourly label. */
export function hourLabel(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `Oct 30` (UTC), the seed's daily label. */
export function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

export function statusColor(code: string): string {
  if (code.startsWith('2')) return '#28a745';
  if (code.startsWith('3')) return '#17a2b8';
  if (code.startsWith('4')) return '#ffc107';
  return '#dc3545';
}

/** The most groups (per bucket) an aggregate answers with. */
export const MAX_GROUP_LIMIT = 1000;

/**
 * `stat` (count, error_rate, avg, p95, max, unique_count), `field`, `group_by`, `interval`
 * and `limit` of `GET /api/metrics/aggregate`; the search filters are read by dashboardScope.
 */
export function parseAggregate(query: Record<string, unknown>): MetricRequest {
  const text = (key: string): string | null => {
    const value = query[key];
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string' || value.length > 100) throw badParameter(key, 'must be one text value of at most 100 characters');
    return value;
  };
  const stat = text('stat') ?? 'count';
  if (!(METRIC_KINDS as readonly string[]).includes(stat)) throw badParameter('stat', `"${stat}" is not a statistic; send one of ${METRIC_KINDS.join(', ')}`);
  const kind = stat as MetricKind;
  const field = text('field');
  const problem = metricFieldProblem(kind, field);
  if (problem !== null) throw badParameter('field', problem);
  const groupBy = text('group_by');
  if (groupBy !== null && !isGroupableField(groupBy)) throw badParameter('group_by', `"${groupBy}" cannot group: use a keyword field such as service, server or endpoint, or a key of fields`);
  const limit = text('limit');
  const groupLimit = limit === null ? DEFAULT_GROUP_LIMIT : Number(limit);
  if (!Number.isInteger(groupLimit) || groupLimit < 1 || groupLimit > MAX_GROUP_LIMIT) throw badParameter('limit', `must be a whole number from 1 to ${MAX_GROUP_LIMIT}`);
  return {
    kind,
    ...(field === null ? {} : { field }),
    ...(groupBy === null ? {} : { groupBy, groupLimit }),
    ...(query.interval === undefined || query.interval === '' ? {} : { intervalMs: parseInterval(query.interval, '1h') }),
  };
}
