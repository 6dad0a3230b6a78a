import { WildcardSegment } from './query-ast';

/**
 * How a free-text word or phrase becomes a regular expression, shared by every store so they
 * agree on what a "whole word" is (docs/decisions/0003): word characters are Unicode letters,
 * digits and `_`; a boundary is required only at an edge that is itself a word character;
 * wildcards stand for word characters; a phrase's words are separated by any whitespace run.
 */
export interface RegexDialect {
  wordChar: string;
  wordStart: string;
  wordEnd: string;
  space: string;
}

/** RE2, as DuckDB's regexp functions read it. */
export const RE2_DIALECT: RegexDialect = {
  wordChar: '[\\pL\\pN_]',
  wordStart: '(?:^|[^\\pL\\pN_])',
  wordEnd: '(?:[^\\pL\\pN_]|$)',
  space: '\\s+',
};

/** JavaScript, with the `u` flag. */
export const JS_DIALECT: RegexDialect = {
  wordChar: '[\\p{L}\\p{N}_]',
  wordStart: '(?:^|[^\\p{L}\\p{N}_])',
  wordEnd: '(?:[^\\p{L}\\p{N}_]|$)',
  // RE2's \s is ASCII whitespace only; say the same in JS.
  space: '[\\t\\n\\f\\r ]+',
};

const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function isWordChar(text: string): boolean {
  return text.length > 0 && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(0) as number));
}

export function lastChar(text: string): string {
  const chars = Array.from(text);
  return chars[chars.length - 1] ?? '';
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function bounded(body: string, wordStart: boolean, wordEnd: boolean, d: RegexDialect): string {
  return (wordStart ? d.wordStart : '') + body + (wordEnd ? d.wordEnd : '');
}

/** One word, maybe with wildcards, as a whole word. */
export function wordRegexSource(segments: WildcardSegment[], d: RegexDialect): string {
  const body = segments.map((s) => (s.kind === 'literal' ? escapeRegex(s.text) : s.kind === 'any' ? `${d.wordChar}*` : d.wordChar)).join('');
  const edge = (s: WildcardSegment, last: boolean) => s.kind !== 'literal' || isWordChar(last ? lastChar(s.text) : s.text);
  return bounded(body, edge(segments[0], false), edge(segments[segments.length - 1], true), d);
}

/** Words in order, separated by any run of whitespace. */
export function phraseRegexSource(words: string[], d: RegexDialect): string {
  return bounded(words.map(escapeRegex).join(d.space), isWordChar(words[0]), isWordChar(lastChar(words[words.length - 1])), d);
}
