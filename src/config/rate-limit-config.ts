/** Endpoint classes with their own API rate limit (seed 002's table, plus ingest). */
export const RATE_LIMIT_CLASSES = ['default', 'search', 'recent', 'lookup', 'login', 'register', 'metrics', 'ingest'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

const UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86_400 };

/**
 * Seed 002's defaults. Ingest gets its own, higher class: a shipper sends a request every
 * few hundred milliseconds, and each carries many records.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitClass, RateLimitRule> = {
  default: { limit: 100, windowSeconds: 60 },
  search: { limit: 50, windowSeconds: 60 },
  recent: { limit: 100, windowSeconds: 60 },
  lookup: { limit: 200, windowSeconds: 60 },
  login: { limit: 20, windowSeconds: 3600 },
  register: { limit: 10, windowSeconds: 3600 },
  metrics: { limit: 100, windowSeconds: 60 },
  ingest: { limit: 3000, windowSeconds: 60 },
};

/** `50 per 1 minute`, as seed 002's 429 body says it. */
export function describeRule(rule: RateLimitRule): string {
  const [unit, seconds] = Object.entries(UNITS).reverse().find(([, s]) => rule.windowSeconds % s === 0)!;
  const n = rule.windowSeconds / seconds;
  return `${rule.limit} per ${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * LOGNEST_RATE_LIMITS: `off`, or overrides of the defaults as `class=N/unit` separated by
 * commas (`search=20/minute,ingest=100/second`; unit second, minute, hour or day, optionally
 * with a count: `login=5/15minute`). Undefined when the text is not valid.
 */
export function parseRateLimits(raw: string): Record<RateLimitClass, RateLimitRule> | null | undefined {
  if (/^off$/i.test(raw)) return null;
  const rules = { ...DEFAULT_RATE_LIMITS };
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*(\d+)\s*\/\s*(\d*)\s*(second|minute|hour|day)s?$/i.exec(part);
    const name = m?.[1].toLowerCase() as RateLimitClass | undefined;
    if (!m || !name || !RATE_LIMIT_CLASSES.includes(name)) return undefined;
    const limit = Number(m[2]);
    const windowSeconds = Number(m[3] || 1) * UNITS[m[4].toLowerCase()];
    if (limit < 1 || windowSeconds < 1) return undefined;
    rules[name] = { limit, windowSeconds };
  }
  return rules;
}
