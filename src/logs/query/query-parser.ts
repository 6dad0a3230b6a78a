// Recursive-descent parser of the Lucene/KQL subset in DESIGN.md "Query language".
// Precedence NOT > AND > OR; whitespace between terms is AND. AND/OR/NOT are keywords only
// in upper case (as in Lucene), so `could not connect` stays three words.
import { QueryLexer, Token } from './query-lexer';
import { QueryNode } from './query-ast';
import { QuerySyntaxError } from './query-syntax-error';

export const MAX_QUERY_LENGTH = 4096;
export const MAX_QUERY_DEPTH = 64;

const FIELD_NAME = /^[\p{L}\p{N}_.@-]+$/u;
const EXISTS_FIELD = '_exists_';
const OPERAND_STARTS = new Set(['word', 'phrase', 'regex', 'lparen', 'not', 'minus', 'plus', 'cmp']);

/** Parses query text; an empty query matches everything. Throws QuerySyntaxError. */
export function parseQuery(input: string): QueryNode {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(`at most ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
  }
  return new QueryParser(input).parse();
}

class QueryParser {
  private readonly lexer: QueryLexer;

  constructor(input: string) {
    this.lexer = new QueryLexer(input);
  }

  parse(): QueryNode {
    if (this.lexer.peek('default').type === 'eof') return { kind: 'match_all' };
    const node = this.or(null, 0);
    const rest = this.lexer.peek('default');
    if (rest.type !== 'eof') throw new QuerySyntaxError(rest.type === 'rparen' ? 'end of query' : 'an operator', rest.start);
    return node;
  }

  /** `field` is set inside `field:( … )`, where bare values apply to it. */
  private or(field: string | null, depth: number): QueryNode {
    const children = [this.and(field, depth)];
    while (this.lexer.peek('default').type === 'or') {
      this.lexer.next('default');
      children.push(this.and(field, depth));
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  private and(field: string | null, depth: number): QueryNode {
    const children = [this.unary(field, depth)];
    for (;;) {
      const token = this.lexer.peek('default');
      if (token.type === 'and') this.lexer.next('default');
      else if (!OPERAND_STARTS.has(token.type)) break;
      children.push(this.unary(field, depth));
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  private unary(field: string | null, depth: number): QueryNode {
    const token = this.lexer.peek('default');
    if (depth >= MAX_QUERY_DEPTH) throw new QuerySyntaxError(`at most ${MAX_QUERY_DEPTH} levels of nesting`, token.start);
    if (token.type === 'not' || token.type === 'minus') {
      this.lexer.next('default');
      return { kind: 'not', child: this.unary(field, depth + 1) };
    }
    if (token.type === 'plus') {
      this.lexer.next('default');
      return this.unary(field, depth + 1);
    }
    return this.primary(field, depth);
  }

  private primary(field: string | null, depth: number): QueryNode {
    const token = this.lexer.next('default');
    switch (token.type) {
      case 'lparen':
        return this.group(field, depth);
      case 'phrase':
      case 'regex':
        return this.value(field, token);
      case 'cmp':
        if (field === null) throw new QuerySyntaxError('a field name', token.start);
        return this.comparison(field, token);
      case 'word':
        if (this.lexer.followedBy(token, ':')) {
          this.lexer.skip();
          return this.fieldValue(token, depth);
        }
        if (field === null && this.lexer.peek('default').type === 'cmp') {
          return this.comparison(this.fieldName(token), this.lexer.next('default'));
        }
        return this.value(field, token);
      default:
        throw new QuerySyntaxError('a search term', token.start);
    }
  }

  private group(field: string | null, depth: number): QueryNode {
    const inner = this.or(field, depth + 1);
    const close = this.lexer.next('default');
    if (close.type !== 'rparen') throw new QuerySyntaxError("')'", close.start);
    return inner;
  }

  /** What follows `name:`. */
  private fieldValue(nameToken: Token, depth: number): QueryNode {
    const value = this.lexer.next('value');
    if (nameToken.raw === '*' && value.raw === '*') return { kind: 'match_all' };
    if (nameToken.raw === EXISTS_FIELD) {
      if (value.type !== 'word' || value.pattern !== null) throw new QuerySyntaxError('a field name', value.start);
      return { kind: 'exists', field: this.fieldName(value), position: value.start };
    }
    const field = this.fieldName(nameToken);
    switch (value.type) {
      case 'word':
      case 'phrase':
      case 'regex':
        return this.value(field, value);
      case 'lparen':
        return this.group(field, depth);
      case 'cmp':
        return this.comparison(field, value);
      case 'range_open':
        return this.range(field, value);
      default:
        throw new QuerySyntaxError('a value', value.start);
    }
  }

  private comparison(field: string, operator: Token): QueryNode {
    const value = this.lexer.next('value');
    if (value.type !== 'word' && value.type !== 'phrase') throw new QuerySyntaxError('a value', value.start);
    const op = operator.value as '>' | '>=' | '<' | '<=';
    return { kind: 'comparison', field, operator: op, value: value.value, position: value.start };
  }

  private range(field: string, open: Token): QueryNode {
    const lower = this.lexer.next('range');
    if (lower.type !== 'word' && lower.type !== 'phrase') throw new QuerySyntaxError('a value', lower.start);
    const to = this.lexer.next('range');
    if (to.type !== 'word' || to.raw !== 'TO') throw new QuerySyntaxError("'TO'", to.start);
    const upper = this.lexer.next('range');
    if (upper.type !== 'word' && upper.type !== 'phrase') throw new QuerySyntaxError('a value', upper.start);
    const close = this.lexer.next('range');
    if (close.type !== 'range_close') throw new QuerySyntaxError("']' or '}'", close.start);
    const bound = (t: Token, inclusive: boolean) =>
      t.type === 'word' && t.raw === '*' ? null : { value: t.value, inclusive, position: t.start };
    return {
      kind: 'range',
      field,
      lower: bound(lower, open.value === '['),
      upper: bound(upper, close.value === ']'),
      position: open.start,
    };
  }

  /** A word, phrase or regex token as a leaf. */
  private value(field: string | null, token: Token): QueryNode {
    if (token.type === 'phrase') return { kind: 'phrase', field, value: token.value, position: token.start };
    if (token.type === 'regex') return { kind: 'regex', field, pattern: token.value, position: token.start };
    if (token.pattern === null) return { kind: 'term', field, value: token.value, position: token.start };
    if (/^\*+$/.test(token.pattern)) {
      return field === null ? { kind: 'match_all' } : { kind: 'exists', field, position: token.start };
    }
    return { kind: 'wildcard', field, pattern: token.pattern, position: token.start };
  }

  private fieldName(token: Token): string {
    if (!FIELD_NAME.test(token.raw)) throw new QuerySyntaxError('a field name', token.start);
    return token.raw;
  }
}
