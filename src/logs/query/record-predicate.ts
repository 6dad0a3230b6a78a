// The one record predicate of the query language: a query tree compiled to a JS function
// over records, with the semantics of the DuckDB compiler (docs/decisions/0003-query-semantics.md):
// words are whole words of `message`, case-insensitive; a negated leaf keeps records whose
// field is missing; keyword regexes and wildcards match the whole value. Value rules come
// from query-values.ts, like every store. The memory store, the live tailer and the alert
// evaluator all filter rows with it, so a record delivered live is one search would return
// (docs/decisions/0025-one-record-predicate.md).
import { CANONICAL_FIELDS, isCanonicalField, LogRecord } from '../log-record';
import { LogScope } from '../log-scope';
import { ComparisonNode, QueryNode, RangeNode, wildcardSegments, WildcardSegment } from './query-ast';
import { InvalidQueryError } from './invalid-query-error';
import { QuerySyntaxError } from './query-syntax-error';
import { escapeRegex, JS_DIALECT, phraseRegexSource, phraseWords, wordRegexSource } from './word-pattern';
import {
  comparisonAsRange,
  DATE_EXPECTED,
  dateBounds,
  FieldKind,
  fieldKind,
  isNumeric,
  levelsInRange,
  parseNumber,
  queryLevel,
} from './query-values';

export type RecordPredicate = (record: LogRecord) => boolean;

type LeafNode = Exclude<QueryNode, { kind: 'match_all' | 'and' | 'or' | 'not' }>;
type Bounds = Pick<RangeNode, 'lower' | 'upper'>;
type Scalar = string | number;

/**
 * A predicate for a query; throws QuerySyntaxError for values a field cannot hold and
 * InvalidQueryError for a regex no engine accepts, so compile it once, when the query is set.
 */
export function compileRecordPredicate(node: QueryNode): RecordPredicate {
  return compile(node, false);
}

/**
 * A predicate for a whole read scope: its tenant, its inclusive time range on `@timestamp`
 * (whole milliseconds, as the stores compare) and its query.
 */
export function compileScopePredicate(scope: LogScope): RecordPredicate {
  const matches = compileRecordPredicate(scope.query);
  const from = scope.from === undefined ? -Infinity : Math.floor(scope.from);
  const to = scope.to === undefined ? Infinity : Math.floor(scope.to);
  const tenantId = scope.tenantId;
  return (r) => r.tenantId === tenantId && r.timestamp >= from && r.timestamp <= to && matches(r);
}

function compile(node: QueryNode, negated: boolean): RecordPredicate {
  switch (node.kind) {
    case 'match_all':
      return () => !negated;
    case 'not':
      return compile(node.child, !negated);
    case 'and':
    case 'or': {
      const children = node.children.map((c) => compile(c, negated));
      const conjunction = (node.kind === 'and') !== negated;
      return conjunction ? (r) => children.every((c) => c(r)) : (r) => children.some((c) => c(r));
    }
    default: {
      // A leaf is false when its field is missing, so its negation keeps such records (Lucene).
      const test = leaf(node);
      return negated ? (r) => !test(r) : test;
    }
  }
}

/** The value of a field as the stores read it: a canonical property or a key of `fields`. */
export function fieldValue(record: LogRecord, field: string): unknown {
  if (isCanonicalField(field)) return record[CANONICAL_FIELDS[field].prop];
  return Object.prototype.hasOwnProperty.call(record.fields, field) ? record.fields[field] : null;
}

/** A scalar field value as text, as DuckDB casts it to VARCHAR (a DOUBLE 120 is `120.0`). */
export function fieldText(record: LogRecord, field: string): string | null {
  const value = fieldValue(record, field);
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && isCanonicalField(field) && CANONICAL_FIELDS[field].type === 'double') {
    return Number.isInteger(value) && Math.abs(value) < 1e15 ? value.toFixed(1) : String(value);
  }
  return String(value);
}

function leaf(node: LeafNode): RecordPredicate {
  const kind = fieldKind(node.field);
  if (kind === 'text') return textLeaf(node);
  const field = node.field as string;
  if (node.kind === 'exists') {
    return kind === 'tags' ? (r) => r.tags.length > 0 : (r) => fieldValue(r, field) !== null && fieldValue(r, field) !== undefined;
  }
  if (kind === 'tags') return tagsLeaf(node);
  if (node.kind === 'comparison' || node.kind === 'range') return boundsLeaf(kind, field, toBounds(node));
  if (kind === 'date') {
    if (node.kind === 'wildcard' || node.kind === 'regex') throw new QuerySyntaxError(DATE_EXPECTED, node.position);
    const at = { value: node.value, position: node.position, inclusive: true };
    return boundsLeaf(kind, field, { lower: at, upper: at });
  }
  const text = (r: LogRecord) => fieldText(r, field);
  if (node.kind === 'wildcard') {
    const re = likeRegex(node.pattern, kind === 'level');
    return (r) => matches(re, text(r));
  }
  if (node.kind === 'regex') {
    const re = userRegex(node.pattern, kind === 'level' ? 'i' : '', true);
    return (r) => matches(re, text(r));
  }
  if (kind === 'level') {
    const level = queryLevel(node.value);
    return (r) => r.level === level;
  }
  if (kind === 'number') {
    const n = parseNumber(node.value, node.position);
    return (r) => fieldValue(r, field) === n;
  }
  return (r) => text(r) === node.value;
}

function toBounds(node: ComparisonNode | RangeNode): Bounds {
  return node.kind === 'range' ? node : comparisonAsRange(node.operator, node.value, node.position);
}

function boundsLeaf(kind: FieldKind, field: string, bounds: Bounds): RecordPredicate {
  switch (kind) {
    case 'level': {
      const levels = new Set<string>(levelsInRange(bounds));
      return (r) => levels.has(r.level);
    }
    case 'number':
      return inRange(bounds, (v, p) => parseNumber(v, p), (r) => fieldValue(r, field) as number | null);
    case 'date': {
      const { min, max } = dateBounds(bounds.lower, bounds.upper);
      return (r) => {
        const v = fieldValue(r, field) as number | null;
        return v !== null && (min === null || v >= min) && (max === null || v <= max);
      };
    }
    case 'extra':
      if ([bounds.lower, bounds.upper].every((b) => b === null || isNumeric(b.value))) {
        return inRange(bounds, (v) => Number(v), (r) => tryNumber(fieldText(r, field)));
      }
      return inRange(bounds, (v) => v, (r) => fieldText(r, field));
    default:
      return inRange(bounds, (v) => v, (r) => fieldText(r, field));
  }
}

/** Both bounds hold for a present value; no bounds at all means "exists". */
function inRange(bounds: Bounds, read: (value: string, position: number) => Scalar, get: (r: LogRecord) => Scalar | null): RecordPredicate {
  const test = rangeTest(bounds, read);
  return (r) => {
    const v = get(r);
    return v !== null && test(v);
  };
}

function rangeTest(bounds: Bounds, read: (value: string, position: number) => Scalar): (v: Scalar) => boolean {
  const { lower, upper } = bounds;
  const lo = lower ? read(lower.value, lower.position) : null;
  const hi = upper ? read(upper.value, upper.position) : null;
  return (v) =>
    (lo === null || (lower!.inclusive ? v >= lo : v > lo)) && (hi === null || (upper!.inclusive ? v <= hi : v < hi));
}

/** DuckDB TRY_CAST(x AS DOUBLE): a number, or null for text that is not one. */
function tryNumber(text: string | null): number | null {
  if (text === null) return null;
  const trimmed = text.trim();
  return isNumeric(trimmed) ? Number(trimmed) : null;
}

/** Any element of `tags` matches. */
function tagsLeaf(node: Exclude<LeafNode, { kind: 'exists' }>): RecordPredicate {
  const any = (test: (tag: string) => boolean): RecordPredicate => (r) => r.tags.some(test);
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return any((tag) => tag === node.value);
    case 'wildcard': {
      const re = likeRegex(node.pattern, false);
      return any((tag) => re.test(tag));
    }
    case 'regex': {
      const re = userRegex(node.pattern, '', true);
      return any((tag) => re.test(tag));
    }
    default:
      return any(rangeTest(toBounds(node), (v) => v) as (tag: string) => boolean);
  }
}

/** `message` and free text. */
function textLeaf(node: LeafNode): RecordPredicate {
  switch (node.kind) {
    case 'term':
      return messageMatches(wordRegex([{ kind: 'literal', text: node.value }]));
    case 'phrase': {
      const words = phraseWords(node.value);
      return words.length === 0 ? () => false : messageMatches(phraseRegex(words));
    }
    case 'wildcard':
      return messageMatches(wordRegex(wildcardSegments(node.pattern)));
    case 'regex':
      return messageMatches(userRegex(node.pattern, '', false));
    case 'exists':
      return () => true;
    default:
      return inRange(toBounds(node), (v) => v, (r) => r.message);
  }
}

function messageMatches(re: RegExp): RecordPredicate {
  return (r) => re.test(r.message);
}

function wordRegex(segments: WildcardSegment[]): RegExp {
  return new RegExp(wordRegexSource(segments, JS_DIALECT), 'iu');
}

function phraseRegex(words: string[]): RegExp {
  return new RegExp(phraseRegexSource(words, JS_DIALECT), 'iu');
}

/** SQL LIKE (ILIKE when `insensitive`) of a wildcard pattern: the whole value. */
function likeRegex(pattern: string, insensitive: boolean): RegExp {
  const body = wildcardSegments(pattern)
    .map((s) => (s.kind === 'any' ? '[^]*' : s.kind === 'one' ? '[^]' : escapeRegex(s.text)))
    .join('');
  return new RegExp(`^${body}$`, insensitive ? 'iu' : 'u');
}

/**
 * A user's RE2 pattern as a JS RegExp, whole-value when `anchored`: a leading `(?flags)`
 * becomes JS flags and `\pL` becomes `\p{L}`. A pattern no engine accepts is an
 * InvalidQueryError, as DuckDB reports it when the query runs.
 */
function userRegex(pattern: string, flags: string, anchored: boolean): RegExp {
  const inline = /^\(\?([ims]+)\)/.exec(pattern);
  const body = (inline ? pattern.slice(inline[0].length) : pattern).replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}');
  const source = anchored ? `^(?:${body})$` : body;
  const all = [...new Set(flags + (inline?.[1] ?? ''))].join('');
  try {
    return new RegExp(source, all + 'u');
  } catch {
    try {
      return new RegExp(source, all);
    } catch (err) {
      throw new InvalidQueryError((err as Error).message);
    }
  }
}

function matches(re: RegExp, text: string | null): boolean {
  return text !== null && re.test(text);
}
