import { WildcardSegment } from './query-ast';

/**
 * How a free-text word or phrase becomes a regular expression, shared by every store so they
 * agree on what a "whole word" is (docs/decisions/0003): word characters are Unicode letters,
 * digits and `_`; a boundary is required only at an edge that is itself a word character;
 * wildcards stand for word characters. A phrase is the words of its text (runs of word
 * characters) in order, separated by any run of non-word characters, as Lucene's phrase
 * query over analyzed text reads it: `"connection reset"` matches `connection, reset`
 * (docs/decisions/0014).
 */
export interface RegexDialect {
  wordChar: string;
  wordStart: string;
  wordEnd: string;
  /** A run of one or more non-word characters: what separates a phrase's words. */
  nonWords: string;
}

/** RE2, as DuckDB's regexp functions read it. */
export const RE2_DIALECT: RegexDialect = {
  wordChar: '[\\pL\\pN_]',
  wordStart: '(?:^|[^\\pL\\pN_])',
  wordEnd: '(?:[^\\pL\\pN_]|$)',
  nonWords: '[^\\pL\\pN_]+',
};

/** JavaScript, with the `u` flag. */
export const JS_DIALECT: RegexDialect = {
  wordChar: '[\\p{L}\\p{N}_]',
  wordStart: '(?:^|[^\\p{L}\\p{N}_])',
  wordEnd: '(?:[^\\p{L}\\p{N}_]|$)',
  nonWords: '[^\\p{L}\\p{N}_]+',
};

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const WORDS = /[\p{L}\p{N}_]+/gu;

/** The words of a phrase's text; none (a phrase of punctuation only) matches nothing. */
export function phraseWords(text: string): string[] {
  return text.match(WORDS) ?? [];
}

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

/** The words of phraseWords, in order, as whole words separated by any non-word characters. */
export function phraseRegexSource(words: string[], d: RegexDialect): string {
  return bounded(words.map(escapeRegex).join(d.nonWords), true, true, d);
}
