import { BadRequestException } from '@nestjs/common';
import { isGroupableField, METRIC_KINDS, metricFieldProblem, MetricKind } from '../../logs/log-metric';
import { Level } from '../../logs/log-record';
import { normalizeLevel } from '../../logs/normalize/level-normalizer';
import { compileRecordPredicate } from '../../logs/query/record-predicate';
import { MAX_QUERY_LENGTH, parseQuery } from '../../logs/query/query-parser';
import { QuerySyntaxError } from '../../logs/query/query-syntax-error';
import { badParameter } from '../../platform/http/bad-request';
import { DetectionMethod, METHODS, METRICS, MetricName } from '../../anomalies/anomaly';
import { ANOMALY_DIRECTIONS, AlertRule, AlertRuleDefinition, AnomalyDirection, AnomalyWatch, NoDataPolicy, Operator, OPERATORS, Severity, SEVERITIES } from './alert-rule';
import { formatDuration, parseDuration } from '../../platform/duration';

type Body = Record<string, unknown>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Seed 002's condition words. */
const OPERATOR_WORDS: Record<string, Operator> = {
  greater_than: '>', greater_than_or_equal: '>=', less_than: '<', less_than_or_equal: '<=', equals: '==', equal: '==', '=': '==',
};

/** A channel given inside the rule (seed 002's `notification_channel` + `notification_config`). */
export interface InlineChannel {
  type: string;
  config: Record<string, unknown>;
}

export interface RuleInput {
  definition: AlertRuleDefinition;
  inlineChannel: InlineChannel | null;
}

/**
 * A rule body in Lognest's shape, where seed 002's `{condition: "greater_than", threshold,
 * time_window (minutes), is_active, notification_channel}` and seed 001's `{condition:
 * {threshold, window, operator}}` were mapped to it; `names` keeps the key the caller used,
 * so an error names the field they sent.
 */
interface Draft {
  values: Body;
  names: Record<string, string>;
  inlineChannel: InlineChannel | null;
}

function draftOf(body: Body): Draft {
  const values: Body = { ...body };
  const names: Record<string, string> = {};
  let inlineChannel: InlineChannel | null = null;
  if (typeof body.condition === 'string' || (body.condition === undefined && (body.threshold !== undefined || body.time_window !== undefined))) {
    values.condition = {
      operator: body.condition ?? '>',
      threshold: body.threshold,
      ...(body.time_window !== undefined ? { window: typeof body.time_window === 'number' ? `${body.time_window}m` : body.time_window } : {}),
    };
    Object.assign(names, { 'condition.operator': 'condition', 'condition.threshold': 'threshold', 'condition.window': 'time_window' });
  }
  if (body.is_active !== undefined && body.enabled === undefined) {
    values.enabled = body.is_active;
    names.enabled = 'is_active';
  }
  if (body.notification_channel !== undefined) {
    if (typeof body.notification_channel !== 'string') throw badParameter('notification_channel', 'must be a channel type such as "webhook"');
    const config = body.notification_config ?? {};
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw badParameter('notification_config', 'must be an object');
    inlineChannel = { type: body.notification_channel, config: config as Record<string, unknown> };
  }
  for (const key of ['threshold', 'time_window', 'is_active', 'notification_channel', 'notification_config']) delete values[key];
  return { values, names, inlineChannel };
}

class Reader {
  constructor(private readonly draft: Draft) {}

  fail(path: string, problem: string): never {
    throw badParameter(this.draft.names[path] ?? path, problem);
  }

  set(key: string, value: unknown): void {
    this.draft.values[key] = value;
  }

  get(path: string): unknown {
    const [head, tail] = path.split('.');
    const value = this.draft.values[head];
    if (tail === undefined) return value;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body)[tail] : undefined;
  }

  text(path: string, max: number, required: boolean): string | null {
    const raw = this.get(path);
    if (raw === undefined || raw === null || raw === '') {
      if (required) this.fail(path, `is required: 1 to ${max} characters`);
      return null;
    }
    if (typeof raw !== 'string') this.fail(path, 'must be a string');
    if (raw.length > max) this.fail(path, `is longer than ${max} characters`);
    return raw.trim() === '' ? (required ? this.fail(path, 'must not be blank') : null) : raw.trim();
  }

  list(path: string): string[] {
    const raw = this.get(path);
    if (raw === undefined || raw === null) return [];
    const items = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(items) || items.some((i) => typeof i !== 'string' || i.trim() === '')) this.fail(path, 'must be a list of non-empty strings');
    return (items as string[]).map((i) => i.trim());
  }

  duration(path: string, fallback: number, min: number, max: number, example: string): number {
    const raw = this.get(path);
    if (raw === undefined || raw === null) return fallback;
    const ms = parseDuration(raw);
    if (ms === null) this.fail(path, `must be a duration such as "${example}"`);
    if (ms < min || ms > max) this.fail(path, `must be from ${formatDuration(min)} to ${formatDuration(max)}`);
    return ms;
  }

  oneOf<T extends string>(path: string, allowed: readonly T[], fallback: T): T {
    const raw = this.get(path);
    if (raw === undefined || raw === null) return fallback;
    if (typeof raw !== 'string' || !allowed.includes(raw.toLowerCase() as T)) this.fail(path, `must be one of ${allowed.join(', ')}`);
    return (raw as string).toLowerCase() as T;
  }
}

function query(r: Reader): string {
  const text = r.text('query', MAX_QUERY_LENGTH, false) ?? '';
  try {
    compileRecordPredicate(parseQuery(text));
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    throw new BadRequestException({
      success: false, error: 'invalid_parameter', field: 'query', position: error.position, expected: error.expected, message: `query: ${error.message}`,
    });
  }
  return text;
}

function levels(r: Reader): Level[] {
  return [...new Set(r.list('levels').map((l) => normalizeLevel(l) ?? r.fail('levels', `"${l}" is not a level (TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL)`)))];
}

function aggregation(r: Reader): AlertRuleDefinition['aggregation'] {
  const raw = r.get('aggregation');
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) r.fail('aggregation', 'must be an object such as {"type": "count"}');
  const type = r.oneOf<MetricKind | 'anomaly'>('aggregation.type', [...METRIC_KINDS, 'anomaly'], 'count');
  const field = r.text('aggregation.field', 100, false);
  if (type === 'anomaly') {
    if (field !== null) r.fail('aggregation.field', 'anomaly takes no field: it watches aggregation.metric');
    const anomaly: AnomalyWatch = {
      metric: r.oneOf<MetricName>('aggregation.metric', METRICS, 'log_volume'),
      method: r.oneOf<DetectionMethod>('aggregation.method', METHODS, 'auto'),
      direction: r.oneOf<AnomalyDirection>('aggregation.direction', ANOMALY_DIRECTIONS, 'any'),
    };
    return { type, field: null, anomaly };
  }
  for (const key of ['metric', 'method', 'direction']) if (r.get(`aggregation.${key}`) !== undefined) r.fail(`aggregation.${key}`, `${type} takes no ${key}: it is for anomaly`);
  const problem = metricFieldProblem(type, field);
  if (problem !== null) r.fail('aggregation.field', problem);
  return { type, field };
}

/** An anomaly rule fires on any anomaly unless told otherwise: its value is 0 when there is none. */
const ANOMALY_CONDITION = { operator: '>', threshold: 0 };

function condition(r: Reader, anomaly: boolean): AlertRuleDefinition['condition'] {
  const raw = r.get('condition');
  if (anomaly && (raw === undefined || raw === null)) r.set('condition', { ...ANOMALY_CONDITION });
  else if (anomaly && typeof raw === 'object' && !Array.isArray(raw)) r.set('condition', { ...ANOMALY_CONDITION, ...raw });
  else if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    r.fail('condition', 'is required: {"operator": ">", "threshold": 10, "window": "5m"}');
  }
  const op = r.get('condition.operator') ?? '>';
  const operator = typeof op === 'string' ? (OPERATORS.find((o) => o === op.trim()) ?? OPERATOR_WORDS[op.trim().toLowerCase()]) : undefined;
  if (!operator) r.fail('condition.operator', `must be one of ${OPERATORS.join(' ')} (or ${Object.keys(OPERATOR_WORDS).slice(0, 5).join(', ')})`);
  const t = r.get('condition.threshold');
  const threshold = typeof t === 'number' ? t : typeof t === 'string' && t.trim() !== '' ? Number(t) : NaN;
  if (!Number.isFinite(threshold)) r.fail('condition.threshold', 'is required: a number');
  const windowMs = r.duration('condition.window', 5 * MINUTE, MINUTE, DAY, '5m');
  return { operator, threshold, windowMs };
}

function groupBy(r: Reader, anomaly: boolean): string | null {
  const field = r.text('group_by', 100, false);
  if (field !== null && !isGroupableField(field)) r.fail('group_by', 'must be a keyword field such as service, server or endpoint, or a key of fields');
  // The detector judges series per service only.
  if (anomaly && field !== null && field !== 'service') r.fail('group_by', 'an anomaly rule groups by service or not at all');
  return field;
}

function repeatEvery(r: Reader): number | null {
  const raw = r.get('repeat_every');
  if (raw === undefined || raw === null || raw === 'off' || raw === 0 || raw === '0' || raw === false) return null;
  return r.duration('repeat_every', 0, MINUTE, 7 * DAY, '4h');
}

function enabled(r: Reader): boolean {
  const raw = r.get('enabled');
  if (raw === undefined || raw === null) return true;
  if (typeof raw !== 'boolean') r.fail('enabled', 'must be true or false');
  return raw;
}

function definition(draft: Draft): AlertRuleDefinition {
  const r = new Reader(draft);
  const agg = aggregation(r);
  const anomaly = agg.type === 'anomaly';
  return {
    name: r.text('name', 200, true)!,
    description: r.text('description', 2000, false),
    query: query(r),
    levels: levels(r),
    services: r.list('services'),
    aggregation: agg,
    condition: condition(r, anomaly),
    groupBy: groupBy(r, anomaly),
    intervalMs: r.duration('interval', 60 * SECOND, 5 * SECOND, DAY, '60s'),
    forMs: r.duration('for', 0, 0, DAY, '5m'),
    keepFiringForMs: r.duration('keep_firing_for', 0, 0, DAY, '10m'),
    noData: r.oneOf<NoDataPolicy>('no_data', ['ok', 'alerting'], 'ok'),
    severity: r.oneOf<Severity>('severity', SEVERITIES, 'warning'),
    channelIds: r.list('channels'),
    repeatEveryMs: repeatEvery(r),
    enabled: enabled(r),
  };
}

/** A new rule from a request body in any of the accepted shapes; a 400 names the bad field. */
export function parseNewRule(body: Body): RuleInput {
  const draft = draftOf(body);
  return { definition: definition(draft), inlineChannel: draft.inlineChannel };
}

/** A rule's definition after a PUT: the fields sent replace the stored ones. */
export function parseRuleChanges(rule: AlertRule, body: Body): RuleInput {
  const draft = draftOf(body);
  const current = ruleToBody(rule);
  for (const key of ['aggregation', 'condition'] as const) {
    const sent = draft.values[key];
    if (sent === null || typeof sent !== 'object' || Array.isArray(sent)) continue;
    // Another aggregation type starts from scratch: an anomaly's metric means nothing to a count.
    const retyped = key === 'aggregation' && (sent as Body).type !== undefined && (sent as Body).type !== current.aggregation.type;
    draft.values[key] = retyped ? sent : { ...current[key], ...(sent as Body) };
  }
  return { definition: definition({ ...draft, values: { ...current, ...draft.values } }), inlineChannel: draft.inlineChannel };
}

/** The definition in the API's own shape (what GET returns and PUT takes). */
export function ruleToBody(d: AlertRuleDefinition) {
  return {
    name: d.name,
    description: d.description,
    query: d.query,
    levels: d.levels,
    services: d.services,
    aggregation: { type: d.aggregation.type, ...(d.aggregation.field ? { field: d.aggregation.field } : {}), ...(d.aggregation.anomaly ?? {}) },
    condition: { operator: d.condition.operator, threshold: d.condition.threshold, window: formatDuration(d.condition.windowMs) },
    group_by: d.groupBy,
    interval: formatDuration(d.intervalMs),
    for: formatDuration(d.forMs),
    keep_firing_for: formatDuration(d.keepFiringForMs),
    no_data: d.noData,
    severity: d.severity,
    channels: d.channelIds,
    repeat_every: d.repeatEveryMs === null ? null : formatDuration(d.repeatEveryMs),
    enabled: d.enabled,
  };
}
