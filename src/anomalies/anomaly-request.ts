import { QueryNode } from '../logs/query/query-ast';
import { badParameter } from '../platform/http/bad-request';
import { parseTimeExpression } from '../search/time-expression';
import { DetectionMethod, METHODS, METRICS, MetricName } from './anomaly';

/** What to look at: a period (epoch ms, end exclusive), one service or every one, a method. */
export interface DetectionRequest {
  from: number;
  to: number;
  /** One service; null: every service, each on its own, and all of them together. */
  service: string | null;
  method: DetectionMethod;
  /** Only these records (an alert rule's query, levels and services); absent: all of the tenant's. */
  query?: QueryNode;
  /** With service null: false judges only all services together, not each one as well. */
  eachService?: boolean;
}

export const MIN_WINDOW_MINUTES = 10;
export const MAX_WINDOW_MINUTES = 10_080;
const MINUTE = 60_000;

type Input = Record<string, unknown>;

function single(input: Input, key: string): string | null {
  const v = input[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw badParameter(key, 'must be given once, as text');
  return String(v).trim() === '' ? null : String(v).trim();
}

function time(input: Input, key: string, now: number, bound: 'from' | 'to'): number | null {
  const raw = single(input, key);
  if (raw === null) return null;
  const value = parseTimeExpression(raw, now, bound);
  if (value === null) throw badParameter(key, `"${raw}" is not a time (ISO 8601, epoch, or now-15m)`);
  return value;
}

/**
 * `window_minutes` (10 … 10,080, default 60), `service`, `method` (default auto),
 * `date_from` / `date_to`. The period ends at `date_to` (default now) and spans the window,
 * unless `date_from` is given; whole minutes only, and the minute still running is left out
 * (it is not over, so its volume would look like a drop).
 */
export function parseDetectionRequest(input: Input, now = Date.now()): DetectionRequest {
  const windowRaw = single(input, 'window_minutes');
  const window = windowRaw === null ? 60 : Number(windowRaw);
  if (!Number.isInteger(window) || window < MIN_WINDOW_MINUTES || window > MAX_WINDOW_MINUTES) {
    throw badParameter('window_minutes', `must be an integer from ${MIN_WINDOW_MINUTES} to ${MAX_WINDOW_MINUTES}`);
  }
  const method = (single(input, 'method') ?? 'auto').toLowerCase();
  if (!(METHODS as readonly string[]).includes(method)) throw badParameter('method', `"${method}" is not one of ${METHODS.join(', ')}`);
  const currentMinute = Math.floor(now / MINUTE) * MINUTE;
  const toRaw = time(input, 'date_to', now, 'to');
  const to = Math.min(currentMinute, Math.floor((toRaw === null ? now : toRaw + 1) / MINUTE) * MINUTE);
  const fromRaw = time(input, 'date_from', now, 'from');
  const from = fromRaw === null ? to - window * MINUTE : Math.floor(fromRaw / MINUTE) * MINUTE;
  if (from >= to) throw badParameter('date_from', 'must be at least a minute before date_to (and before the current minute)');
  if (to - from > MAX_WINDOW_MINUTES * MINUTE) throw badParameter('date_from', `the period may span at most ${MAX_WINDOW_MINUTES} minutes`);
  return { from, to, service: single(input, 'service'), method: method as DetectionMethod };
}

export function parseMetric(input: Input): MetricName {
  const metric = single(input, 'metric') ?? 'log_volume';
  if (!(METRICS as readonly string[]).includes(metric)) throw badParameter('metric', `"${metric}" is not one of ${METRICS.join(', ')}`);
  return metric as MetricName;
}
