import { BadRequestException } from '@nestjs/common';
import { isCanonicalField, CANONICAL_FIELDS } from '../logs/log-record';
import { METRIC_KINDS, metricFieldProblem, MetricKind } from '../logs/log-metric';
import { MAX_QUERY_LENGTH, parseQuery } from '../logs/query/query-parser';
import { compileRecordPredicate } from '../logs/query/record-predicate';
import { QuerySyntaxError } from '../logs/query/query-syntax-error';
import { QueryNode } from '../logs/query/query-ast';
import { badParameter } from '../platform/http/bad-request';
import { Widget, WIDGET_TYPES, WidgetType } from './dashboard';
import { parseTimeRange } from './time-range-input';

type Body = Record<string, unknown>;

export const GRID_COLUMNS = 12;
export const MAX_HEIGHT = 4;
const MAX_TITLE = 200;
const SERIES_STATS: MetricKind[] = ['avg', 'p95', 'max'];
const DEFAULT_COLUMNS = ['@timestamp', 'level', 'service', 'message'];
const EXTRA_FIELD = /^[\w.@-]{1,100}$/;

/** Width and height a widget gets when the body does not say. */
const DEFAULT_SIZE: Record<WidgetType, [number, number]> = {
  count_over_time: [6, 2], field_over_time: [6, 2], top_values: [6, 2], pie: [4, 2], number: [3, 1], latest_records: [12, 2],
};

const TITLES: Record<WidgetType, string> = {
  count_over_time: 'Logs over time', field_over_time: 'Over time', top_values: 'Top values', pie: 'Share', number: 'Number', latest_records: 'Latest records',
};

/** A widget's fields read one by one; errors name the widget's place, e.g. `widgets[2].field`. */
class WidgetReader {
  constructor(private readonly body: Body, readonly at: string) {}

  fail(key: string, problem: string): never {
    throw badParameter(`${this.at}.${key}`, problem);
  }

  raw(key: string): unknown {
    const v = this.body[key];
    return v === null || v === '' ? undefined : v;
  }

  text(key: string, max: number): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(key, 'must be a string');
    if (v.length > max) this.fail(key, `is longer than ${max} characters`);
    return v.trim() === '' ? undefined : v.trim();
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const v = this.raw(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) this.fail(key, `must be an integer from ${min} to ${max}`);
    return n;
  }
}

/** Parses and compiles a query once, so a stored one always runs; a 400 names `field` and the position. */
function checkedQuery(text: string, field: string): QueryNode {
  try {
    const node = parseQuery(text);
    compileRecordPredicate(node);
    return node;
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw new BadRequestException({
      success: false, error: 'invalid_parameter', field, position: error.position, expected: error.expected, message: `${field}: ${error.message}`,
    });
  }
}

function query(r: WidgetReader): string {
  const text = r.text('query', MAX_QUERY_LENGTH) ?? '';
  checkedQuery(text, `${r.at}.query`);
  return text;
}

/**
 * The dashboard-wide filter (`?q=`, Kibana's query bar over a dashboard): ANDed with every
 * widget's query; match-all when absent.
 */
export function parseFilter(raw: unknown): QueryNode {
  if (raw === undefined || raw === null || raw === '') return { kind: 'match_all' };
  if (typeof raw !== 'string') throw badParameter('q', 'must be a query string');
  return checkedQuery(raw, 'q');
}

function type(r: WidgetReader): WidgetType {
  const v = r.raw('type');
  if (typeof v !== 'string' || !(WIDGET_TYPES as readonly string[]).includes(v)) r.fail('type', `is required: one of ${WIDGET_TYPES.join(', ')}`);
  return v as WidgetType;
}

/** A field whose values can be counted: any canonical field but the two times, or a key of `fields`. */
function termsField(r: WidgetReader): string {
  const given = r.text('field', 100);
  if (given === undefined) r.fail('field', 'is required: the field whose values to count, such as service or endpoint');
  // `fields.region` as the search page's columns write it is the query language's `region`.
  const f = given.startsWith('fields.') && !isCanonicalField(given.slice(7)) ? given.slice(7) : given;
  const ok = isCanonicalField(f) ? CANONICAL_FIELDS[f].type !== 'date' : EXTRA_FIELD.test(f);
  if (!ok) r.fail('field', `"${f}" cannot be counted: use a field such as service, endpoint, status_code or a key of fields`);
  return f;
}

/** The stat and field of a number (any metric) or a field over time (avg, p95, max of a numeric field). */
function statAndField(r: WidgetReader, allowed: MetricKind[], fallback: MetricKind): { stat: MetricKind; field: string | null } {
  const raw = r.raw('stat') ?? fallback;
  if (typeof raw !== 'string' || !allowed.includes(raw as MetricKind)) r.fail('stat', `must be one of ${allowed.join(', ')}`);
  const stat = raw as MetricKind;
  const field = r.text('field', 100) ?? null;
  const problem = metricFieldProblem(stat, field);
  if (problem !== null) r.fail('field', problem);
  return { stat, field };
}

function columns(r: WidgetReader): string[] {
  const v = r.raw('columns');
  if (v === undefined) return DEFAULT_COLUMNS.slice();
  if (!Array.isArray(v) || v.length === 0 || v.length > 20) r.fail('columns', 'must be a list of 1 to 20 field names');
  return (v as unknown[]).map((c) => {
    const ok = typeof c === 'string' && (isCanonicalField(c) || (c.startsWith('fields.') && EXTRA_FIELD.test(c.slice(7))));
    if (!ok) r.fail('columns', `"${String(c).slice(0, 100)}" is not a field: use a canonical name such as message or fields.<key>`);
    return c as string;
  });
}

const WIDGET_ID = /^[\w-]{1,40}$/;

/** One widget of a request body at `at`; `newId` names it when the body gives no id. */
export function parseWidget(raw: unknown, at: string, newId: () => string): Widget {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badParameter(at, 'must be an object such as {"type": "count_over_time", "query": "level:ERROR"}');
  const r = new WidgetReader(raw as Body, at);
  const kind = type(r);
  const id = r.raw('id');
  if (id !== undefined && (typeof id !== 'string' || !WIDGET_ID.test(id))) r.fail('id', 'must be 1 to 40 letters, digits, - or _');
  let field: string | null = null;
  let stat: MetricKind | null = null;
  let limit: number | null = null;
  let cols: string[] = [];
  if (kind === 'top_values' || kind === 'pie') {
    field = termsField(r);
    limit = r.integer('limit', kind === 'pie' ? 6 : 10, 1, 50);
  } else if (kind === 'number') {
    ({ stat, field } = statAndField(r, [...METRIC_KINDS], 'count'));
  } else if (kind === 'field_over_time') {
    ({ stat, field } = statAndField(r, SERIES_STATS, 'p95'));
  } else if (kind === 'latest_records') {
    limit = r.integer('limit', 10, 1, 100);
    cols = columns(r);
  } else if (r.raw('field') !== undefined) {
    r.fail('field', `${kind} takes no field`);
  }
  const [width, height] = DEFAULT_SIZE[kind];
  const timeRange = r.raw('time_range');
  return {
    id: (id as string | undefined) ?? newId(),
    title: r.text('title', MAX_TITLE) ?? TITLES[kind],
    type: kind,
    query: query(r),
    field,
    stat,
    limit,
    columns: cols,
    width: r.integer('width', width, 1, GRID_COLUMNS),
    height: r.integer('height', height, 1, MAX_HEIGHT),
    timeRange: timeRange === undefined ? null : parseTimeRange(timeRange, `${at}.time_range`),
  };
}
