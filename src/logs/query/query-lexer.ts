// Tokenizer of the query language. The parser says which mode it wants a token in, because
// a few characters mean different things by place:
//  - 'default' (anywhere a term may start): `:` ends a word (it follows a field name);
//  - 'value' (right after `field:` or a comparison operator): `:` is part of the word
//    (`client_ip:fe80::1`, `@timestamp:>=2024-01-01T10:00:00Z`), `[`/`{` open a range;
//  - 'range' (inside `[a TO b]`): a bound is anything up to whitespace, `]` or `}`.
// `/…/` is a regex only when its closing slash ends the token, so `endpoint:/api/users`
// stays a plain value.
import { QuerySyntaxError } from './query-syntax-error';

export type LexMode = 'default' | 'value' | 'range';

export type TokenType =
  | 'word'
  | 'phrase'
  | 'regex'
  | 'lparen'
  | 'rparen'
  | 'and'
  | 'or'
  | 'not'
  | 'minus'
  | 'plus'
  | 'cmp'
  | 'range_open'
  | 'range_close'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Offset of the first character and one past the last. */
  start: number;
  end: number;
  /** Unescaped text of a word/phrase/regex, the operator of a cmp, the bracket of a range. */
  value: string;
  /** Source text of the token. */
  raw: string;
  /** For a word with an unescaped `*` or `?`: the Lucene wildcard pattern; otherwise null. */
  pattern: string | null;
}

const WHITESPACE = /\s/;
const KEYWORDS: Record<string, TokenType> = { AND: 'and', OR: 'or', NOT: 'not' };

export class QueryLexer {
  private pos = 0;
  private cached: { mode: LexMode; at: number; token: Token } | null = null;

  constructor(private readonly input: string) {}

  peek(mode: LexMode): Token {
    if (this.cached && this.cached.mode === mode && this.cached.at === this.pos) return this.cached.token;
    const token = this.lex(mode);
    this.cached = { mode, at: this.pos, token };
    return token;
  }

  next(mode: LexMode): Token {
    const token = this.peek(mode);
    this.pos = token.end;
    return token;
  }

  /** True when the character right after `token` is `c` (no whitespace between). */
  followedBy(token: Token, c: string): boolean {
    return this.input[token.end] === c;
  }

  /** Steps over one character the caller has just checked with `followedBy`. */
  skip(): void {
    this.pos++;
  }

  private lex(mode: LexMode): Token {
    const s = this.input;
    let i = this.pos;
    while (i < s.length && WHITESPACE.test(s[i])) i++;
    if (i >= s.length) return this.token('eof', i, i);
    const c = s[i];
    const two = s.slice(i, i + 2);

    if (mode === 'range') {
      if (c === ']' || c === '}') return this.token('range_close', i, i + 1, c);
      if (c === '"') return this.phrase(i);
      return this.word(i, ' ]}', false);
    }
    if (c === '(') return this.token('lparen', i, i + 1);
    if (c === ')') return this.token('rparen', i, i + 1);
    if (c === '"') return this.phrase(i);
    if (two === '>=' || two === '<=') return this.token('cmp', i, i + 2, two);
    if (c === '>' || c === '<') return this.token('cmp', i, i + 1, c);
    if (c === '/') {
      const regex = this.regex(i);
      if (regex) return regex;
    }
    if (mode === 'value') {
      if (c === '[' || c === '{') return this.token('range_open', i, i + 1, c);
      return this.word(i, '()"', true);
    }
    if (two === '&&') return this.token('and', i, i + 2);
    if (two === '||') return this.token('or', i, i + 2);
    if (c === '!') return this.token('not', i, i + 1);
    const following = s[i + 1];
    const operandFollows = following !== undefined && following !== ')' && !WHITESPACE.test(following);
    if (c === '-' && operandFollows) return this.token('minus', i, i + 1);
    if (c === '+' && operandFollows) return this.token('plus', i, i + 1);
    const word = this.word(i, '()":', true);
    const keyword = KEYWORDS[word.raw];
    return keyword ? { ...word, type: keyword } : word;
  }

  private token(type: TokenType, start: number, end: number, value = ''): Token {
    return { type, start, end, value, raw: this.input.slice(start, end), pattern: null };
  }

  /** A run of characters up to whitespace or one of `stops`; `\` escapes any character. */
  private word(start: number, stops: string, wildcards: boolean): Token {
    const s = this.input;
    let value = '';
    let pattern = '';
    let hasWildcard = false;
    let i = start;
    while (i < s.length && !WHITESPACE.test(s[i]) && !stops.includes(s[i])) {
      const c = s[i];
      if (c === '\\') {
        if (i + 1 >= s.length) throw new QuerySyntaxError("a character after '\\'", i + 1);
        const escaped = s[i + 1];
        value += escaped;
        pattern += '*?\\'.includes(escaped) ? '\\' + escaped : escaped;
        i += 2;
        continue;
      }
      if (wildcards && (c === '*' || c === '?')) hasWildcard = true;
      value += c;
      pattern += c;
      i++;
    }
    return { ...this.token('word', start, i, value), pattern: hasWildcard ? pattern : null };
  }

  private phrase(start: number): Token {
    const s = this.input;
    let value = '';
    for (let i = start + 1; i < s.length; i++) {
      if (s[i] === '"') return this.token('phrase', start, i + 1, value);
      if (s[i] === '\\' && i + 1 < s.length) i++;
      value += s[i];
    }
    throw new QuerySyntaxError("'\"'", s.length);
  }

  /** `/pattern/` when the closing slash ends the token; null means "read it as a word". */
  private regex(start: number): Token | null {
    const s = this.input;
    let pattern = '';
    for (let i = start + 1; i < s.length; i++) {
      if (s[i] === '\\' && s[i + 1] === '/') {
        pattern += '/';
        i++;
      } else if (s[i] === '\\' && i + 1 < s.length) {
        pattern += s[i] + s[++i];
      } else if (s[i] === '/') {
        const after = s[i + 1];
        if (after !== undefined && after !== ')' && !WHITESPACE.test(after)) return null;
        return this.token('regex', start, i + 1, pattern);
      } else pattern += s[i];
    }
    return null;
  }
}
