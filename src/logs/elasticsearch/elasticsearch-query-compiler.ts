// Compiles the query tree to Elasticsearch Query DSL with the answers of the DuckDB compiler
// (docs/decisions/0003): NOT is pushed down to leaves and a negated leaf is a `must_not`, so
// records without the field are kept (as Lucene); words, phrases and regexes on `message`
// are Lucene regexps over its keyword (lucene-regex.ts), whole words, case-insensitive (the
// analyzed `message` splits words differently from DuckDB: docs/decisions/0105).
// Value rules come from query-values.ts, like every store.
import { CANONICAL_FIELDS, CanonicalFieldName } from '../log-record';
import { LogScope } from '../log-scope';
import { ComparisonNode, QueryNode, RangeNode, wildcardSegments } from '../query/query-ast';
import { QuerySyntaxError } from '../query/query-syntax-error';
import {
  comparisonAsRange,
  DATE_EXPECTED,
  dateBounds,
  fieldKind,
  isNumeric,
  levelsInRange,
  parseNumber,
  queryLevel,
} from '../query/query-values';
import { docField, FIELD_KEYS, FIELD_NUMBERS, FIELD_PAIRS, pairPrefix, pairsEnd, sortableNumber, textField, TIMESTAMP_FIELD } from './elasticsearch-schema';
import { literalSource, phraseSource, re2ToLucene, wildcardSource, wordSource } from './lucene-regex';
import { phraseWords } from '../query/word-pattern';

export type EsQuery = Record<string, unknown>;

type LeafNode = Exclude<QueryNode, { kind: 'match_all' | 'and' | 'or' | 'not' }>;
type Bounds = Pick<RangeNode, 'lower' | 'upper'>;

export const MATCH_ALL: EsQuery = { match_all: {} };
export const MATCH_NONE: EsQuery = { match_none: {} };
const MAX_STATES = 200_000;

/** The query of a scope: tenant and time range as filters, then the user's query. */
export function scopeQuery(scope: LogScope): EsQuery {
  const filter: EsQuery[] = [{ term: { tenant_id: scope.tenantId } }];
  if (scope.from !== undefined || scope.to !== undefined) {
    const range: Record<string, number> = {};
    if (scope.from !== undefined) range.gte = Math.floor(scope.from);
    if (scope.to !== undefined) range.lte = Math.floor(scope.to);
    filter.push({ range: { [TIMESTAMP_FIELD]: range } });
  }
  filter.push(compileQuery(scope.query));
  return { bool: { filter } };
}

/** Only a tenant's records, with more filters. */
export function tenantQuery(tenantId: string, ...more: EsQuery[]): EsQuery {
  return { bool: { filter: [{ term: { tenant_id: tenantId } }, ...more] } };
}

/** Query DSL for a query tree; throws QuerySyntaxError for values a field cannot hold. */
export function compileQuery(node: QueryNode): EsQuery {
  return compile(node, false);
}

function compile(node: QueryNode, negated: boolean): EsQuery {
  switch (node.kind) {
    case 'match_all':
      return negated ? MATCH_NONE : MATCH_ALL;
    case 'not':
      return compile(node.child, !negated);
    case 'and':
    case 'or': {
      const children = node.children.map((c) => compile(c, negated));
      const conjunction = (node.kind === 'and') !== negated;
      return conjunction ? { bool: { filter: children } } : { bool: { should: children, minimum_should_match: 1 } };
    }
    default: {
      // A leaf is false when its field is missing, so its negation keeps such records (Lucene).
      const test = leaf(node);
      return negated ? { bool: { must_not: [test] } } : test;
    }
  }
}

function regexp(field: string, value: string): EsQuery {
  return { regexp: { [field]: { value, flags: 'ALL', max_determinized_states: MAX_STATES } } };
}

function rangeQuery(field: string, bounds: Bounds, read: (value: string, position: number) => string | number): EsQuery {
  const range: Record<string, string | number> = {};
  if (bounds.lower) range[bounds.lower.inclusive ? 'gte' : 'gt'] = read(bounds.lower.value, bounds.lower.position);
  if (bounds.upper) range[bounds.upper.inclusive ? 'lte' : 'lt'] = read(bounds.upper.value, bounds.upper.position);
  return Object.keys(range).length === 0 ? { exists: { field } } : { range: { [field]: range } };
}

function toBounds(node: ComparisonNode | RangeNode): Bounds {
  return node.kind === 'range' ? node : comparisonAsRange(node.operator, node.value, node.position);
}

function leaf(node: LeafNode): EsQuery {
  const kind = fieldKind(node.field);
  if (kind === 'text') return textLeaf(node);
  const field = node.field as string;
  if (kind === 'extra') return extraLeaf(field, node);
  const name = field as CanonicalFieldName;
  const stored = docField(name);
  if (node.kind === 'exists') return { exists: { field: stored } };
  if (node.kind === 'comparison' || node.kind === 'range') {
    const bounds = toBounds(node);
    switch (kind) {
      case 'level':
        return { terms: { level: levelsInRange(bounds) } };
      case 'number':
        return rangeQuery(stored, bounds, (v, p) => parseNumber(v, p));
      case 'date': {
        const { min, max } = dateBounds(bounds.lower, bounds.upper);
        const range: Record<string, number> = {};
        if (min !== null) range.gte = min;
        if (max !== null) range.lte = max;
        return { range: { [TIMESTAMP_FIELD]: range } };
      }
      default:
        return rangeQuery(stored, bounds, (v) => v);
    }
  }
  if (kind === 'date') {
    if (node.kind === 'wildcard' || node.kind === 'regex') throw new QuerySyntaxError(DATE_EXPECTED, node.position);
    const { min, max } = dateBounds(
      { value: node.value, position: node.position, inclusive: true },
      { value: node.value, position: node.position, inclusive: true },
    );
    return { range: { [stored]: { gte: min, lte: max } } };
  }
  if (node.kind === 'wildcard') return regexp(textField(name), wildcardSource(wildcardSegments(node.pattern), kind === 'level'));
  if (node.kind === 'regex') return regexp(textField(name), re2ToLucene(node.pattern, { anchored: true, insensitive: kind === 'level' }));
  if (kind === 'level') {
    const level = queryLevel(node.value);
    return level === null ? MATCH_NONE : { term: { level } };
  }
  if (kind === 'number') {
    const n = parseNumber(node.value, node.position);
    if (CANONICAL_FIELDS[name].type === 'long' && !Number.isInteger(n)) return MATCH_NONE;
    return { term: { [stored]: n } };
  }
  return { term: { [stored]: node.value } };
}

/**
 * A query on one key of `fields`: over its `<key>=<value>` pairs (or `<key>=<sortable
 * number>` for numeric ranges), so key and value are matched in one term.
 */
function extraLeaf(key: string, node: LeafNode): EsQuery {
  const prefix = pairPrefix(key);
  const pairs = (source: string) => regexp(FIELD_PAIRS, `${literalSource(prefix, false)}(${source})`);
  switch (node.kind) {
    case 'exists':
      return { term: { [FIELD_KEYS]: key } };
    case 'term':
    case 'phrase':
      return { term: { [FIELD_PAIRS]: prefix + node.value } };
    case 'wildcard':
      return pairs(wildcardSource(wildcardSegments(node.pattern), false));
    case 'regex':
      return pairs(re2ToLucene(node.pattern, { anchored: true }));
    default: {
      const bounds = toBounds(node);
      const numeric = [bounds.lower, bounds.upper].every((b) => b === null || isNumeric(b.value));
      const field = numeric ? FIELD_NUMBERS : FIELD_PAIRS;
      const encode = (v: string) => prefix + (numeric ? sortableNumber(Number(v)) : v);
      const range: Record<string, string> = {};
      if (bounds.lower) range[bounds.lower.inclusive ? 'gte' : 'gt'] = encode(bounds.lower.value);
      else range.gte = prefix;
      if (bounds.upper) range[bounds.upper.inclusive ? 'lte' : 'lt'] = encode(bounds.upper.value);
      else range.lt = pairsEnd(key);
      return { range: { [field]: range } };
    }
  }
}

/** `message` and free text. */
function textLeaf(node: LeafNode): EsQuery {
  const field = docField('message');
  switch (node.kind) {
    case 'term':
      return regexp(field, wordSource([{ kind: 'literal', text: node.value }]));
    case 'phrase': {
      const words = phraseWords(node.value);
      return words.length === 0 ? MATCH_NONE : regexp(field, phraseSource(words));
    }
    case 'wildcard':
      return regexp(field, wordSource(wildcardSegments(node.pattern)));
    case 'regex':
      return regexp(field, re2ToLucene(node.pattern, { anchored: false }));
    case 'exists':
      return MATCH_ALL;
    default:
      return rangeQuery(field, toBounds(node), (v) => v);
  }
}

