// Maps one parsed input object to the canonical record. Runs once per ingested record, so it
// walks the input once, looks keys up in a precomputed alias map and reuses its slot arrays
// (it is synchronous, so no two calls interleave).

import { Level, NormalizedRecord, TIMESTAMP_MISSING_TAG } from '../log-record';
import { ALIAS_CODES, EXPLICIT_PRIORITY, Slot, SLOT_COUNT } from './field-aliases';
import { normalizeLevel } from './level-normalizer';
import { parseTimestamp } from './timestamp-parser';

export interface NormalizeOptions {
  now: number;
  defaults?: { service?: string; environment?: string };
  /** Input key that holds the event time; wins over every alias. */
  timestampField?: string;
}

export type NormalizeResult = { record: NormalizedRecord } | { error: string };

/** Nested objects deeper than this are kept as JSON in one field. */
const MAX_FLATTEN_DEPTH = 8;
/**
 * Deeper values are refused: JSON.parse takes 100,000 nested arrays, but every recursive
 * walk after it (JSON.stringify here, the stores' JSON readers) overflows the stack.
 */
export const MAX_NESTING_DEPTH = 64;
export const NESTING_TOO_DEEP = `record nests objects or arrays deeper than ${MAX_NESTING_DEPTH} levels`;

class NestingTooDeep extends Error {}

const slotKeys: (string | undefined)[] = new Array(SLOT_COUNT);
const slotValues: unknown[] = new Array(SLOT_COUNT);
const slotPriorities: number[] = new Array(SLOT_COUNT);
let fields: Record<string, string> = {};
let fieldCount = 0;
let explicitKey: string | undefined;
let explicitKeyLower: string | undefined;

export function normalizeRecord(input: Record<string, unknown>, options: NormalizeOptions): NormalizeResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { error: 'record is not a JSON object' };
  for (let i = 0; i < SLOT_COUNT; i++) slotKeys[i] = undefined;
  fields = {};
  fieldCount = 0;
  explicitKey = options.timestampField || undefined;
  explicitKeyLower = explicitKey?.toLowerCase();
  try {
    for (const key in input) visit(key, input[key], 0);
    let used = fieldCount;
    for (let i = 0; i < SLOT_COUNT; i++) if (slotKeys[i] !== undefined) used++;
    if (used === 0) return { error: 'record is empty' };
    return { record: buildRecord(options) };
  } catch (err) {
    if (err instanceof NestingTooDeep) return { error: NESTING_TOO_DEEP };
    throw err;
  }
}

function visit(key: string, value: unknown, depth: number): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && depth < MAX_FLATTEN_DEPTH) {
    const nested = value as Record<string, unknown>;
    for (const k in nested) visit(key + '.' + k, nested[k], depth + 1);
    return;
  }
  let code = ALIAS_CODES.get(key);
  let lower: string | undefined;
  if (code === undefined) {
    lower = key.toLowerCase();
    if (lower !== key) code = ALIAS_CODES.get(lower);
  }
  if (explicitKey !== undefined && (key === explicitKey || (lower ?? key.toLowerCase()) === explicitKeyLower)) {
    code = (Slot.Timestamp << 8) | EXPLICIT_PRIORITY;
  }
  if (code === undefined) {
    addField(key, value);
    return;
  }
  const slot = code >> 8;
  const priority = code & 0xff;
  const heldKey = slotKeys[slot];
  if (heldKey === undefined || priority < slotPriorities[slot]) {
    if (heldKey !== undefined) addField(heldKey, slotValues[slot]);
    slotKeys[slot] = key;
    slotValues[slot] = value;
    slotPriorities[slot] = priority;
  } else {
    addField(key, value);
  }
}

function addField(key: string, value: unknown): void {
  // JSON.parse makes `__proto__` an own key; plain assignment would hit the prototype setter.
  if (key === '__proto__') Object.defineProperty(fields, key, { value: toText(value), enumerable: true, writable: true });
  else fields[key] = toText(value);
  fieldCount++;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object' && value !== null && nestsDeeperThan(value, MAX_NESTING_DEPTH)) throw new NestingTooDeep();
  return JSON.stringify(value) ?? '';
}

/** Whether `value` nests more than `limit` levels, walked without recursion. */
function nestsDeeperThan(value: object, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const key in item as Record<string, unknown>) {
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function keyword(slot: number): string | null {
  if (slotKeys[slot] === undefined) return null;
  const text = toText(slotValues[slot]);
  return text.length === 0 ? null : text;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed.length === 0) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** A number of ms, also from `"12ms"`, `"1.5s"`, `"250us"`; null when it is none of those. */
function toDurationMs(value: unknown): number | null {
  const n = toNumber(value);
  if (n !== null || typeof value !== 'string') return n !== null && n >= 0 ? n : null;
  const s = value.trim().toLowerCase();
  let scale = 0;
  let cut = 0;
  if (s.endsWith('ms')) [scale, cut] = [1, 2];
  else if (s.endsWith('µs') || s.endsWith('us')) [scale, cut] = [0.001, 2];
  else if (s.endsWith('s')) [scale, cut] = [1000, 1];
  if (scale === 0) return null;
  const base = toNumber(s.slice(0, s.length - cut));
  return base !== null && base >= 0 ? base * scale : null;
}

function toStatusCode(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) && n >= 0 && n <= 999 ? n : null;
}

/** A numeric slot, or null with the original value kept in `fields` when it is not a number. */
function numeric(slot: number, convert: (value: unknown) => number | null): number | null {
  const key = slotKeys[slot];
  if (key === undefined) return null;
  const n = convert(slotValues[slot]);
  if (n === null) addField(key, slotValues[slot]);
  return n;
}

function toTags(value: unknown): string[] {
  const tags: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === null || item === undefined) continue;
      const tag = toText(item).trim();
      if (tag.length > 0) tags.push(tag);
    }
  } else {
    for (const part of toText(value).split(',')) {
      const tag = part.trim();
      if (tag.length > 0) tags.push(tag);
    }
  }
  return tags;
}

function buildRecord(options: NormalizeOptions): NormalizedRecord {
  const tags = slotKeys[Slot.Tags] === undefined ? [] : toTags(slotValues[Slot.Tags]);

  let timestamp: number | null = null;
  const timestampKey = slotKeys[Slot.Timestamp];
  if (timestampKey !== undefined) {
    timestamp = parseTimestamp(slotValues[Slot.Timestamp], options.now);
    if (timestamp === null) addField(timestampKey, slotValues[Slot.Timestamp]);
  }
  if (timestamp === null) {
    timestamp = options.now;
    tags.push(TIMESTAMP_MISSING_TAG);
  }

  let level: Level = 'INFO';
  if (slotKeys[Slot.Level] !== undefined) {
    const raw = slotValues[Slot.Level];
    const normalized = normalizeLevel(raw);
    if (normalized !== null) level = normalized;
    else addField('original_level', raw);
  }

  return {
    timestamp,
    level,
    message: slotKeys[Slot.Message] === undefined ? '' : toText(slotValues[Slot.Message]),
    service: keyword(Slot.Service) ?? options.defaults?.service ?? null,
    server: keyword(Slot.Server),
    environment: keyword(Slot.Environment) ?? options.defaults?.environment ?? null,
    logType: keyword(Slot.LogType),
    correlationId: keyword(Slot.CorrelationId),
    traceId: keyword(Slot.TraceId),
    spanId: keyword(Slot.SpanId),
    userId: keyword(Slot.UserId),
    clientIp: keyword(Slot.ClientIp),
    method: keyword(Slot.Method)?.toUpperCase() ?? null,
    endpoint: keyword(Slot.Endpoint),
    statusCode: numeric(Slot.StatusCode, toStatusCode),
    responseTimeMs: numeric(Slot.ResponseTimeMs, toDurationMs),
    userAgent: keyword(Slot.UserAgent),
    sqlQuery: keyword(Slot.SqlQuery),
    queryDurationMs: numeric(Slot.QueryDurationMs, toDurationMs),
    tags,
    fields,
  };
}
