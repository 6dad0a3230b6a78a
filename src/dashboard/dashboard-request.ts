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
