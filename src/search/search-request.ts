import { CANONICAL_FIELDS, LEVELS } from '../logs/log-record';
import { AroundField, DEFAULT_AROUND } from '../logs/log-scope';
import { badParameter, integerParam } from '../platform/http/bad-request';
import { parseTimeExpression } from './time-expression';

/** A search as the API receives it: the query text, filters, time range, paging. */
export interface SearchRequest {
  q: string;
  levels: string[];
  statusCodes: number[];
  endpoint: string | null;
  server: string | null;
  service: string | null;
  environment: string | null;
  from: number | undefined;
  to: number | undefined;
  page: number;
  perPage: number;
  sort: 'asc' | 'desc';
  sortField: string;
}

export const MAX_PER_PAGE = 1000;

type Input = Record<string, unknown>;

const text = (input: Input, key: string): string | null => {
  const v = input[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw badParameter(key, 'must be a string');
  return v.trim() === '' ? null : v.trim();
};

const list = (input: Input, key: string): string[] => {
  const v = input[key];
  if (v === undefined || v === null || v === '') return [];
  const items = Array.isArray(v) ? v : String(v).split(',');
  return items.map((i) => String(i).trim()).filter(Boolean);
};

function integer(input: Input, key: string, fallback: number, min: number, max: number): number {
  return integerParam(input[key], key, fallback, min, max);
}

function time(input: Input, keys: string[], now: number, bound: 'from' | 'to'): number | undefined {
  for (const key of keys) {
    const raw = text(input, key);
    if (raw === null) continue;
    const value = parseTimeExpression(raw, now, bound);
    if (value === null) throw badParameter(key, `"${raw}" is not a time (ISO 8601, epoch, or now-15m)`);
    return value;
  }
  return undefined;
}

/** Canonical single-valued fields: every store sorts by them (not the analysed message, not tag lists). */
const SORTABLE = new Set(
  Object.entries(CANONICAL_FIELDS)
    .filter(([, field]) => field.type !== 'text' && field.type !== 'keyword[]')
    .map(([name]) => name),
);

/**
 * Reads a search from a POST body (`q, level, status_code, date_from, page, per_page`) or
 * GET query (`query, start_date, page_size`); both spellings are accepted everywhere, and
 * seeds 001/002/004's `limit` (for `per_page`) and `source` (for `service`).
 */
export function parseSearchRequest(input: Input, now = Date.now()): SearchRequest {
  const levels = list(input, 'level').map((l) => l.toUpperCase());
  for (const level of levels) {
    if (!(LEVELS as readonly string[]).includes(level === 'WARN' ? 'WARNING' : level)) {
      throw badParameter('level', `"${level}" is not one of ${LEVELS.join(', ')}`);
    }
  }
  const statusCodes = list(input, 'status_code').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 100 || n > 599) throw badParameter('status_code', `"${s}" is not an HTTP status code`);
    return n;
  });
  const from = time(input, ['date_from', 'start_date', 'from'], now, 'from');
  const to = time(input, ['date_to', 'end_date', 'to'], now, 'to');
  if (from !== undefined && to !== undefined && from > to) throw badParameter('date_from', 'is after date_to');
  const sortRaw = text(input, 'sort') ?? 'desc';
  const sortMatch = /^(?:([\w@.]+)[:\s])?(asc|desc)$/i.exec(sortRaw) ?? /^([\w@.]+)$/.exec(sortRaw);
  if (!sortMatch) throw badParameter('sort', 'must be asc, desc or field:asc|desc');
  const direction = (sortMatch[2] ?? 'desc').toLowerCase() as 'asc' | 'desc';
  const sortField = sortMatch[1] && !/^(asc|desc)$/i.test(sortMatch[1]) ? sortMatch[1] : '@timestamp';
  if (!SORTABLE.has(sortField)) {
    throw badParameter('sort', `"${sortField}" is not a sortable field; use asc, desc or field:asc|desc with one of ${[...SORTABLE].join(', ')}`);
  }
  return {
    q: text(input, 'q') ?? text(input, 'query') ?? '',
    levels: levels.map((l) => (l === 'WARN' ? 'WARNING' : l)),
    statusCodes,
    endpoint: text(input, 'endpoint'),
    server: text(input, 'server'),
    service: text(input, 'service') ?? text(input, 'source'),
    environment: text(input, 'environment'),
    from,
    to,
    page: integer(input, 'page', 1, 1, 1_000_000),
    perPage: integer(input, 'per_page', integer(input, 'page_size', integer(input, 'limit', 50, 1, MAX_PER_PAGE), 1, MAX_PER_PAGE), 1, MAX_PER_PAGE),
    sort: direction,
    sortField,
  };
}

/** `?same=` of the surrounding records: what the neighbours share with the record. */
export const AROUND_CHOICES: Record<string, AroundField[]> = {
  'service,server': DEFAULT_AROUND,
  service: ['service'],
  server: ['server'],
  file: ['file_id'],
  all: [],
};

export function parseAroundParam(raw: unknown): AroundField[] {
  if (raw === undefined || raw === '') return DEFAULT_AROUND;
  const choice = AROUND_CHOICES[String(raw)];
  if (!choice) throw badParameter('same', `"${String(raw)}" is not one of ${Object.keys(AROUND_CHOICES).join(' | ')}`);
  return choice;
}
