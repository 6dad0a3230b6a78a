const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time as users write it in date_from / date_to: `now`, `now-15m` (s, m, h, d, w), an
 * ISO 8601 date or date-time, or epoch seconds / milliseconds. A bare date as an upper
 * bound means the end of that day. Returns epoch ms, or null when unreadable.
 */
export function parseTimeExpression(raw: string, now: number, bound: 'from' | 'to'): number | null {
  const value = raw.trim();
  const relative = /^now(?:\s*([+-])\s*(\d+)\s*([smhdw]))?$/i.exec(value);
  if (relative) {
    if (!relative[1]) return now;
    const delta = Number(relative[2]) * UNIT_MS[relative[3].toLowerCase()];
    return relative[1] === '-' ? now - delta : now + delta;
  }
  if (/^\d{9,13}$/.test(value)) {
    const n = Number(value);
    return value.length <= 10 ? n * 1000 : n;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(start)) return null;
    return bound === 'to' ? start + UNIT_MS.d - 1 : start;
  }
  // Anything else must hold a four-digit year: Date.parse reads '0' as 2000-01-01 and '12' as
  // 2001-12-01, which would turn a typo into a range decades wide.
  if (!/\d{4}/.test(value)) return null;
  // A date-time without a zone, as a datetime-local input sends it, is read as UTC.
  const withZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const parsed = Date.parse(withZone);
  return Number.isNaN(parsed) ? null : parsed;
}
