import { badParameter } from '../platform/http/bad-request';
import { parseTimeExpression } from '../search/time-expression';
import { RELATIVE_RANGES, RelativeRange, TimeRange } from './dashboard';

const MAX_TIME_TEXT = 64;

/**
 * A time range as a body or a URL gives it: `"6h"`, `{"range": "6h"}`, or `{"range": "custom",
 * "from": "2026-11-01T00:00:00Z", "to": "now"}`. `at` names the field in errors.
 */
export function parseTimeRange(raw: unknown, at: string): TimeRange {
  const value = typeof raw === 'string' ? { range: raw } : raw;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badParameter(at, `must be one of ${RELATIVE_RANGES.join(', ')} or {"range": "custom", "from": ..., "to": ...}`);
  }
  const { range, from, to } = value as Record<string, unknown>;
  if ((RELATIVE_RANGES as readonly unknown[]).includes(range)) return { range: range as RelativeRange, from: null, to: null };
  if (range !== 'custom') throw badParameter(`${at}.range`, `must be one of ${[...RELATIVE_RANGES, 'custom'].join(', ')}`);
  const end = (key: 'from' | 'to', raw: unknown, required: boolean): string | null => {
    if (raw === undefined || raw === null || raw === '') {
      if (required) throw badParameter(`${at}.${key}`, 'is required for a custom range: ISO 8601, epoch or now-15m');
      return null;
    }
    if (typeof raw !== 'string' || raw.length > MAX_TIME_TEXT || parseTimeExpression(raw, Date.now(), key) === null) {
      throw badParameter(`${at}.${key}`, `"${String(raw).slice(0, MAX_TIME_TEXT)}" is not a time (ISO 8601, epoch, or now-15m)`);
    }
    return raw.trim();
  };
  const start = end('from', from, true)!;
  const stop = end('to', to, false);
  const now = Date.now();
  if (stop !== null && parseTimeExpression(start, now, 'from')! > parseTimeExpression(stop, now, 'to')!) throw badParameter(`${at}.from`, 'is after to');
  return { range: 'custom', from: start, to: stop };
}

const SPAN_MS: Record<RelativeRange, number> = { '15m': 900_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000, '7d': 604_800_000, '30d': 2_592_000_000 };

/** The epoch-ms ends of a range at `now`; a custom range without `to` runs to now. */
export function resolveTimeRange(range: TimeRange, now: number): { from: number; to: number } {
  if (range.range !== 'custom') return { from: now - SPAN_MS[range.range], to: now };
  return { from: parseTimeExpression(range.from, now, 'from')!, to: range.to === null ? now : parseTimeExpression(range.to, now, 'to')! };
}

/** The range a dashboard URL asks for (`?range=6h`, `?range=custom&from=..&to=..`), or null when it asks for none. */
export function timeRangeFromQuery(query: Record<string, unknown>): TimeRange | null {
  if (query.range === undefined || query.range === '') return null;
  return parseTimeRange({ range: query.range, from: query.from, to: query.to }, 'range');
}
