// How query values are read for each kind of field. Every store's compiler uses these, so
// DuckDB and Elasticsearch agree on what `level:warn`, `status_code:abc` or
// `@timestamp:<=2024-05-01` mean.
import { CANONICAL_FIELDS, isCanonicalField, Level, LEVELS } from '../log-record';
import { normalizeLevel } from '../normalize/level-normalizer';
import { ComparisonOperator, RangeNode } from './query-ast';
import { QuerySyntaxError } from './query-syntax-error';

/**
 * - text: `message` and free text (word / phrase matching);
 * - level: one of LEVELS, aliases accepted, compared by severity;
 * - keyword: exact, case-sensitive strings; extra: a key of `fields` (string, compared as a
 *   number when the query value is one);
 * - number, date (epoch ms), tags (a list of keywords).
 */
export type FieldKind = 'text' | 'level' | 'keyword' | 'extra' | 'number' | 'date' | 'tags';

export function fieldKind(field: string | null): FieldKind {
  if (field === null || field === 'message') return 'text';
  if (field === 'level') return 'level';
  if (!isCanonicalField(field)) return 'extra';
  switch (CANONICAL_FIELDS[field].type) {
    case 'long':
    case 'double':
      return 'number';
    case 'date':
      return 'date';
    case 'keyword[]':
      return 'tags';
    default:
      return 'keyword';
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function isNumeric(value: string): boolean {
  return NUMBER.test(value);
}

export function parseNumber(value: string, position: number): number {
  if (!isNumeric(value)) throw new QuerySyntaxError('a number', position);
  return Number(value);
}

/** First and last epoch ms a date value covers: `2024-05-01` is the whole (UTC) day. */
export interface DateSpan {
  floor: number;
  ceil: number;
}

export const DATE_EXPECTED = 'a date (ISO 8601 or epoch milliseconds)';

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const EPOCH_MS = /^-?\d{5,}$/;

/**
 * ISO 8601 (missing parts cover their whole span, as Elasticsearch rounds them; no zone = UTC)
 * or epoch milliseconds. A 4-digit number is a year.
 */
export function parseDate(value: string, position: number): DateSpan {
  if (EPOCH_MS.test(value)) return { floor: Number(value), ceil: Number(value) };
  const m = ISO.exec(value);
  const fail = () => new QuerySyntaxError(DATE_EXPECTED, position);
  if (!m) throw fail();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const parts = [Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== parts[1] || check.getUTCDate() !== parts[2] || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) {
    throw fail();
  }
  const floor = local - zoneOffsetMs(zone);
  let next: number;
  if (frac) next = local + 10 ** (3 - Math.min(frac.length, 3));
  else if (s) next = local + 1000;
  else if (mi) next = local + 60_000;
  else if (h) next = local + 3_600_000;
  else if (d) next = local + 86_400_000;
  else if (mo) next = Date.UTC(parts[0], parts[1] + 1, 1);
  else next = Date.UTC(parts[0] + 1, 0, 1);
  return { floor, ceil: floor + (next - local) - 1 };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * The epoch-ms bounds a date comparison or range means. Inclusive lower and exclusive upper
 * bounds start at the value's first ms; the others end at its last (Elasticsearch rounding).
 */
export function dateBounds(
  lower: { value: string; inclusive: boolean; position: number } | null,
  upper: { value: string; inclusive: boolean; position: number } | null,
): { min: number | null; max: number | null } {
  let min: number | null = null;
  let max: number | null = null;
  if (lower) {
    const span = parseDate(lower.value, lower.position);
    min = lower.inclusive ? span.floor : span.ceil + 1;
  }
  if (upper) {
    const span = parseDate(upper.value, upper.position);
    max = upper.inclusive ? span.ceil : span.floor - 1;
  }
  return { min, max };
}

/** Comparison as a one-sided range, so stores handle both the same way. */
export function comparisonAsRange(operator: ComparisonOperator, value: string, position: number): Pick<RangeNode, 'lower' | 'upper'> {
  const bound = { value, inclusive: operator.endsWith('='), position };
  return operator.startsWith('>') ? { lower: bound, upper: null } : { lower: null, upper: bound };
}

/** The canonical level a query value names (`warn`, `Err`, `50`), or null. */
export function queryLevel(value: string): Level | null {
  return normalizeLevel(value);
}

/** Levels inside a range, by severity (TRACE < … < CRITICAL): `level:>=WARNING`. */
export function levelsInRange(range: Pick<RangeNode, 'lower' | 'upper'>): Level[] {
  const index = (bound: { value: string; position: number }) => {
    const level = queryLevel(bound.value);
    if (level === null) throw new QuerySyntaxError(`a level (${LEVELS.join(', ')})`, bound.position);
    return LEVELS.indexOf(level);
  };
  const from = range.lower ? index(range.lower) + (range.lower.inclusive ? 0 : 1) : 0;
  const to = range.upper ? index(range.upper) - (range.upper.inclusive ? 0 : 1) : LEVELS.length - 1;
  return LEVELS.slice(from, to + 1);
}
