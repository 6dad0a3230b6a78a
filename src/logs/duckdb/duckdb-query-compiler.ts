// Compiles a query tree to a DuckDB WHERE fragment with `?` parameters. User values only ever
// travel as parameters; field names reach the SQL through columnOf / extraFieldExpression.
//
// NOT is pushed down to the leaves (De Morgan), and a negated leaf on a nullable column is
// `NOT coalesce(p, false)`, so `-level:DEBUG`-style negations keep rows whose field is NULL
// (Lucene: "does not match"). Positive leaves stay bare, which keeps zone-map pushdown.
//
// Free-text words match whole words of `message`, case-insensitively (Unicode letters, digits
// and `_` make up a word). Each word test is a cheap RE2 literal prefilter
// `regexp_matches(message, <escaped literal>, 'i')` followed by the exact word-boundary regex:
// measured on DuckDB 1.5.6 this is ~3x faster than an `ILIKE '%word%'` prefilter.
import { isCanonicalField } from '../log-record';
import { ComparisonNode, QueryNode, RangeNode, wildcardSegments, WildcardSegment } from '../query/query-ast';
import { QuerySyntaxError } from '../query/query-syntax-error';
import { escapeRegex, phraseRegexSource, phraseWords, RE2_DIALECT, wordRegexSource } from '../query/word-pattern';
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
} from '../query/query-values';
import { columnOf, exactKeywordMatch, extraFieldExpression } from './duckdb-schema';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** A leaf predicate: conjuncts that all must hold, and whether it can evaluate to NULL. */
interface Leaf {
  conjuncts: SqlFragment[];
  nullable: boolean;
}

type LeafNode = Exclude<QueryNode, { kind: 'match_all' | 'and' | 'or' | 'not' }>;
type Bounds = Pick<RangeNode, 'lower' | 'upper'>;

const NOT_NULL_COLUMNS = new Set<string>(['id', '@timestamp', 'ingested_at', 'level', 'message']);
const ESCAPE = ` ESCAPE '\\'`;

/** WHERE-clause fragment for a query; throws QuerySyntaxError for values a field cannot hold. */
export function compileToDuckDb(node: QueryNode): SqlFragment {
  return compile(node, false);
}

function compile(node: QueryNode, negated: boolean): SqlFragment {
  switch (node.kind) {
    case 'match_all':
      return frag(negated ? 'FALSE' : 'TRUE');
    case 'not':
      return compile(node.child, !negated);
    case 'and':
    case 'or': {
      const conjunction = (node.kind === 'and') !== negated;
      return join(node.children.map((c) => compile(c, negated)), conjunction ? 'AND' : 'OR');
    }
    default:
      return leafSql(leaf(node), negated);
  }
}

function leafSql({ conjuncts, nullable }: Leaf, negated: boolean): SqlFragment {
  if (!negated) return join(conjuncts, 'AND');
  if (nullable) {
    const all = join(conjuncts, 'AND');
    return { sql: `NOT coalesce(${all.sql}, false)`, params: all.params };
  }
  // Kept as an OR of negations so DuckDB skips the costly regex for rows the prefilter decides.
  return join(conjuncts.map((c) => ({ sql: `NOT (${c.sql})`, params: c.params })), 'OR');
}

function leaf(node: LeafNode): Leaf {
  const kind = fieldKind(node.field);
  if (kind === 'text') return textLeaf(node);
  const field = node.field as string;
  const column = isCanonicalField(field) ? columnOf(field) : extraFieldExpression(field);
  const make = (...conjuncts: SqlFragment[]): Leaf => ({ conjuncts, nullable: !NOT_NULL_COLUMNS.has(field) });
  if (node.kind === 'exists') {
    return kind === 'tags' ? make(frag('len(tags) > 0')) : { conjuncts: [frag(`${column} IS NOT NULL`)], nullable: false };
  }
  if (kind === 'tags') return make(tagsPredicate(node));
  if (node.kind === 'comparison' || node.kind === 'range') return make(...boundsPredicate(kind, column, toBounds(node)));
  if (kind === 'date') {
    if (node.kind === 'wildcard' || node.kind === 'regex') throw new QuerySyntaxError(DATE_EXPECTED, node.position);
    const at = { value: node.value, position: node.position, inclusive: true };
    return make(...boundsPredicate(kind, column, { lower: at, upper: at }));
  }
  const text = kind === 'number' ? `CAST(${column} AS VARCHAR)` : column;
  if (node.kind === 'wildcard') return make(frag(`${text} ${kind === 'level' ? 'ILIKE' : 'LIKE'} ?${ESCAPE}`, likePattern(node.pattern)));
  if (node.kind === 'regex') return make(frag(`regexp_full_match(${text}, ?${kind === 'level' ? ", 'i'" : ''})`, node.pattern));
  if (kind === 'level') {
    const level = queryLevel(node.value);
    return make(levelIn(level === null ? [] : [level]));
  }
  if (kind !== 'number') {
    const stored = exactKeywordMatch(field, node.value);
    if (stored) return make(stored);
  }
  return make(frag(`${column} = ?`, kind === 'number' ? parseNumber(node.value, node.position) : node.value));
}

function toBounds(node: ComparisonNode | RangeNode): Bounds {
  return node.kind === 'range' ? node : comparisonAsRange(node.operator, node.value, node.position);
}

/** Comparisons and ranges: by severity for `level`, numerically for numbers (and numeric extra values). */
function boundsPredicate(kind: FieldKind, column: string, bounds: Bounds): SqlFragment[] {
  switch (kind) {
    case 'level':
      return [levelIn(levelsInRange(bounds))];
    case 'number':
      return rangeConjuncts(column, bounds, (v, p) => parseNumber(v, p));
    case 'date': {
      const { min, max } = dateBounds(bounds.lower, bounds.upper);
      const conjuncts = [min === null ? [] : [frag(`${column} >= ?`, min)], max === null ? [] : [frag(`${column} <= ?`, max)]].flat();
      return conjuncts.length > 0 ? conjuncts : [frag(`${column} IS NOT NULL`)];
    }
    case 'extra':
      if ([bounds.lower, bounds.upper].every((b) => b === null || isNumeric(b.value))) {
        return rangeConjuncts(`TRY_CAST(${column} AS DOUBLE)`, bounds, (v) => Number(v));
      }
      return rangeConjuncts(column, bounds, (v) => v);
    default:
      return rangeConjuncts(column, bounds, (v) => v);
  }
}

function rangeConjuncts(column: string, bounds: Bounds, read: (value: string, position: number) => unknown): SqlFragment[] {
  const conjuncts: SqlFragment[] = [];
  if (bounds.lower) conjuncts.push(frag(`${column} ${bounds.lower.inclusive ? '>=' : '>'} ?`, read(bounds.lower.value, bounds.lower.position)));
  if (bounds.upper) conjuncts.push(frag(`${column} ${bounds.upper.inclusive ? '<=' : '<'} ?`, read(bounds.upper.value, bounds.upper.position)));
  return conjuncts.length > 0 ? conjuncts : [frag(`${column} IS NOT NULL`)];
}

function levelIn(levels: readonly string[]): SqlFragment {
  if (levels.length === 0) return frag('FALSE');
  return frag(`level IN (${levels.map(() => '?').join(', ')})`, ...levels);
}

/** Any element of `tags` matches. */
function tagsPredicate(node: Exclude<LeafNode, { kind: 'exists' }>): SqlFragment {
  const any = (predicate: string, ...params: unknown[]) => frag(`len(list_filter(tags, lambda tag: ${predicate})) > 0`, ...params);
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return frag('list_contains(tags, ?)', node.value);
    case 'wildcard':
      return any(`tag LIKE ?${ESCAPE}`, likePattern(node.pattern));
    case 'regex':
      return any('regexp_full_match(tag, ?)', node.pattern);
    default: {
      const parts = rangeConjuncts('tag', toBounds(node), (v) => v);
      return any(parts.map((p) => p.sql).join(' AND '), ...parts.flatMap((p) => p.params));
    }
  }
}

/** `message` and free text. */
function textLeaf(node: LeafNode): Leaf {
  const make = (...conjuncts: SqlFragment[]): Leaf => ({ conjuncts, nullable: false });
  switch (node.kind) {
    case 'term':
      return make(...wordMatch([{ kind: 'literal', text: node.value }]));
    case 'phrase': {
      const words = phraseWords(node.value);
      return make(...(words.length === 0 ? [frag('FALSE')] : phraseMatch(words)));
    }
    case 'wildcard':
      return make(...wordMatch(wildcardSegments(node.pattern)));
    case 'regex':
      return make(frag('regexp_matches(message, ?)', node.pattern));
    case 'exists':
      return make(frag('message IS NOT NULL'));
    default: {
      return make(...rangeConjuncts('message', toBounds(node), (v) => v));
    }
  }
}

/** One word (maybe with wildcards, which stand for word characters) as a whole word. */
function wordMatch(segments: WildcardSegment[]): SqlFragment[] {
  const literals = segments.flatMap((s) => (s.kind === 'literal' ? [s.text] : []));
  return withPrefilter(wordRegexSource(segments, RE2_DIALECT), literals);
}

/** Words in order, separated by any run of non-word characters. */
function phraseMatch(words: string[]): SqlFragment[] {
  return withPrefilter(phraseRegexSource(words, RE2_DIALECT), words);
}

/** The exact match, after a cheap regex on the longest literal piece (docs/decisions/0003). */
function withPrefilter(regex: string, literals: string[]): SqlFragment[] {
  const longest = literals.reduce((a, b) => (b.length > a.length ? b : a), '');
  const exact = frag(`regexp_matches(message, ?, 'i')`, regex);
  if (longest.length === 0 || escapeRegex(longest) === regex) return [exact];
  return [frag(`regexp_matches(message, ?, 'i')`, escapeRegex(longest)), exact];
}

/** A literal for SQL LIKE/ILIKE … ESCAPE '\\': `%`, `_` and `\\` stand for themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function likePattern(pattern: string): string {
  return wildcardSegments(pattern)
    .map((s) => (s.kind === 'any' ? '%' : s.kind === 'one' ? '_' : escapeLike(s.text)))
    .join('');
}

function frag(sql: string, ...params: unknown[]): SqlFragment {
  return { sql, params };
}

function join(parts: SqlFragment[], operator: 'AND' | 'OR'): SqlFragment {
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => p.sql).join(` ${operator} `)})`, params: parts.flatMap((p) => p.params) };
}
