// The parsed form of the query language (DESIGN.md "Query language"). Every store compiles
// this tree; none of them sees the query text. `field` is null for free text, which targets
// `message`. `position` is the 0-based offset of the node's value in the query text, so a
// compiler can point at the value it rejects (e.g. `status_code:abc`).

export type QueryNode =
  | MatchAllNode
  | AndNode
  | OrNode
  | NotNode
  | TermNode
  | PhraseNode
  | WildcardNode
  | RegexNode
  | ComparisonNode
  | RangeNode
  | ExistsNode;

/** Empty query, `*` or `*:*`. */
export interface MatchAllNode {
  kind: 'match_all';
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

/** A bare word (`timeout`, `level:ERROR`), escapes removed. */
export interface TermNode {
  kind: 'term';
  field: string | null;
  value: string;
  position: number;
}

/** A quoted value (`"connection reset"`, `user_id:"user-123"`), escapes removed. */
export interface PhraseNode {
  kind: 'phrase';
  field: string | null;
  value: string;
  position: number;
}

/**
 * A word with an unescaped `*` (any run of characters) or `?` (one character). `pattern` uses
 * Lucene/Elasticsearch wildcard syntax: `\` escapes the next character (`\*` is a literal
 * star). Use `wildcardSegments` to read it.
 */
export interface WildcardNode {
  kind: 'wildcard';
  field: string | null;
  pattern: string;
  position: number;
}

/** `/pattern/`, RE2 syntax, with `\/` already turned into `/`. */
export interface RegexNode {
  kind: 'regex';
  field: string | null;
  pattern: string;
  position: number;
}

export type ComparisonOperator = '>' | '>=' | '<' | '<=';

/** `status_code:>=500` or KQL `status_code >= 500`. */
export interface ComparisonNode {
  kind: 'comparison';
  field: string;
  operator: ComparisonOperator;
  value: string;
  position: number;
}

export interface RangeBound {
  value: string;
  inclusive: boolean;
  position: number;
}

/** `[a TO b]` inclusive, `{a TO b}` exclusive (mixed brackets allowed); `*` ends are null. */
export interface RangeNode {
  kind: 'range';
  field: string;
  lower: RangeBound | null;
  upper: RangeBound | null;
  position: number;
}

/** `_exists_:field` or `field:*`. */
export interface ExistsNode {
  kind: 'exists';
  field: string;
  position: number;
}

export type WildcardSegment = { kind: 'literal'; text: string } | { kind: 'any' } | { kind: 'one' };

/** Splits a WildcardNode pattern into literal runs, `*` (any) and `?` (one). */
export function wildcardSegments(pattern: string): WildcardSegment[] {
  const segments: WildcardSegment[] = [];
  let literal = '';
  const flush = () => {
    if (literal) segments.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) literal += pattern[++i];
    else if (c === '*' || c === '?') {
      flush();
      segments.push({ kind: c === '*' ? 'any' : 'one' });
    } else literal += c;
  }
  flush();
  return segments;
}
