// Regular expressions in Lucene's syntax (what Elasticsearch's `regexp` query and a terms
// aggregation's `include` read), built so that they give the answers of the DuckDB store
// (docs/decisions/0003): a Lucene regexp always matches a whole term, knows no `\pL`, no
// anchors and only ASCII case folding, so words, phrases and the users' RE2 patterns are
// translated here into plain automata over code points: unanchored searches get `.*` edges,
// Unicode classes become explicit ranges, case-insensitivity becomes `[xX]` classes.
import { WildcardSegment } from '../query/query-ast';
import { InvalidQueryError } from '../query/invalid-query-error';
import { isWordChar, lastChar } from '../query/word-pattern';

type Range = [number, number];

const MAX_CODE_POINT = 0x10ffff;

/** Escapes one code point for Lucene: ASCII punctuation and controls get a backslash. */
function esc(cp: number): string {
  const ch = String.fromCodePoint(cp);
  return cp < 128 && !/[A-Za-z0-9]/.test(ch) ? `\\${ch}` : ch;
}

function normalize(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function classSource(ranges: Range[]): string {
  const merged = normalize(ranges);
  if (merged.length === 1 && merged[0][0] === merged[0][1]) return esc(merged[0][0]);
  if (merged.length === 0) return '#'; // the empty language; never produced for user input
  return `[${merged.map(([lo, hi]) => (lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`)).join('')}]`;
}

const propertyCache = new Map<string, Range[]>();

/** The code point ranges of a JS regex class such as `[\p{L}\p{N}_]` (computed once). */
function rangesOf(jsClass: string): Range[] {
  const cached = propertyCache.get(jsClass);
  if (cached) return cached;
  const re = new RegExp(`^${jsClass}$`, 'u');
  const ranges: Range[] = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const inside = cp <= MAX_CODE_POINT && !(cp >= 0xd800 && cp <= 0xdfff) && re.test(String.fromCodePoint(cp));
    if (inside && start < 0) start = cp;
    else if (!inside && start >= 0) {
      ranges.push([start, cp - 1]);
      start = -1;
    }
  }
  propertyCache.set(jsClass, ranges);
  return ranges;
}

const WORD_RANGES = () => rangesOf('[\\p{L}\\p{N}_]');
/** A word character (Unicode letters, digits, `_`) and its negation, in Lucene syntax. */
export const wordCharClass = () => classSource(WORD_RANGES());
export const nonWordCharClass = () => classSource(complement(WORD_RANGES()));

/** The code points a code point equals when case is ignored (simple one-to-one foldings). */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase(), ch.toLowerCase().toUpperCase(), ch.toUpperCase().toLowerCase()]) {
    const cps = Array.from(v);
    if (cps.length === 1) out.add(cps[0].codePointAt(0) as number);
  }
  return [...out];
}

function withCaseVariants(ranges: Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi - lo > 20_000) continue; // huge classes (\pL, negations) are closed under case already, near enough
    for (let cp = lo; cp <= hi; cp++) for (const v of caseVariants(cp)) if (v !== cp) out.push([v, v]);
  }
  return out;
}

/** A literal text; each letter matches its case variants when `insensitive`. */
export function literalSource(text: string, insensitive: boolean): string {
  return Array.from(text)
    .map((ch) => {
      const cp = ch.codePointAt(0) as number;
      return insensitive ? classSource(caseVariants(cp).map((v) => [v, v] as Range)) : esc(cp);
    })
    .join('');
}

function bounded(body: string, atStart: boolean, atEnd: boolean): string {
  const nw = nonWordCharClass();
  return (atStart ? `(()|.*${nw})` : '.*') + body + (atEnd ? `(${nw}.*|())` : '.*');
}

/** A free-text word (maybe with wildcards standing for word characters), as a whole word anywhere, any case. */
export function wordSource(segments: WildcardSegment[]): string {
  const w = wordCharClass();
  const body = segments.map((s) => (s.kind === 'literal' ? literalSource(s.text, true) : s.kind === 'any' ? `${w}*` : w)).join('');
  const edge = (s: WildcardSegment, last: boolean) => s.kind !== 'literal' || isWordChar(last ? lastChar(s.text) : s.text);
  return bounded(body, edge(segments[0], false), edge(segments[segments.length - 1], true));
}

/** The words of phraseWords in order, separated by any run of non-word characters, anywhere, any case. */
export function phraseSource(words: string[]): string {
  const body = words.map((w) => literalSource(w, true)).join(`${nonWordCharClass()}+`);
  return bounded(body, true, true);
}

/** A keyword wildcard (`*` any run, `?` one character) over the whole value. */
export function wildcardSource(segments: WildcardSegment[], insensitive: boolean): string {
  return segments.map((s) => (s.kind === 'literal' ? literalSource(s.text, insensitive) : s.kind === 'any' ? '.*' : '.')).join('') || '()';
}

// ---------------------------------------------------------------------------------------
// RE2 → Lucene. Parsed into a small tree first, so anchors can be placed and flags scoped.

type Node =
  | { t: 'alt'; branches: Node[][] }
  | { t: 'set'; ranges: Range[]; negated: boolean }
  | { t: 'lit'; cp: number; ci: boolean }
  | { t: 'rep'; node: Node; min: number; max: number | null }
  | { t: 'bol'; multiline: boolean }
  | { t: 'eol'; multiline: boolean }
  | { t: 'wb' };

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

const unsupported = (what: string) => new InvalidQueryError(`${what} is not supported by the Elasticsearch store`);
const invalid = (what: string) => new InvalidQueryError(`invalid regular expression: ${what}`);

const DIGIT: Range[] = [[48, 57]];
const WORD_ASCII: Range[] = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE_ASCII: Range[] = [[9, 10], [12, 13], [32, 32]];
const POSIX: Record<string, Range[]> = {
  alnum: [[48, 57], [65, 90], [97, 122]],
  alpha: [[65, 90], [97, 122]],
  ascii: [[0, 127]],
  blank: [[9, 9], [32, 32]],
  cntrl: [[0, 31], [127, 127]],
  digit: DIGIT,
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [[33, 47], [58, 64], [91, 96], [123, 126]],
  space: [[9, 13], [32, 32]],
  upper: [[65, 90]],
  word: WORD_ASCII,
  xdigit: [[48, 57], [65, 70], [97, 102]],
};

function unicodeProperty(name: string): Range[] {
  for (const form of [name, `Script=${name}`]) {
    try {
      return rangesOf(`\\p{${form}}`);
    } catch {
      // try the next form
    }
  }
  throw invalid(`unknown Unicode class ${name}`);
}

class Re2Parser {
  private i = 0;
  private readonly cps: number[];

  constructor(pattern: string) {
    this.cps = Array.from(pattern).map((c) => c.codePointAt(0) as number);
  }

  private peek(offset = 0): string | undefined {
    const cp = this.cps[this.i + offset];
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  }

  private more() {
    return this.i < this.cps.length;
  }

  parse(flags: Flags): Node {
    const node = this.alternation({ ...flags });
    if (this.more()) throw invalid(`unexpected ) at ${this.i}`);
    return node;
  }

  private alternation(flags: Flags): Node {
    const branches: Node[][] = [this.sequence(flags)];
    while (this.peek() === '|') {
      this.i++;
      branches.push(this.sequence(flags));
    }
    return { t: 'alt', branches };
  }

  /** A concatenation; `(?i)` changes `flags` for the rest of the enclosing group. */
  private sequence(flags: Flags): Node[] {
    const items: Node[] = [];
    while (this.more() && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom(flags);
      if (atom === null) continue;
      items.push(this.quantified(atom));
    }
    return items;
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number | null;
      if (c === '*') [min, max] = [0, null];
      else if (c === '+') [min, max] = [1, null];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const rest = String.fromCodePoint(...this.cps.slice(this.i));
        const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
        if (!m) return node; // a literal `{`, as RE2 reads it
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]);
        if (min > 1000 || (max !== null && (max > 1000 || max < min))) throw invalid('bad repetition');
        this.i += Array.from(m[0]).length - 1;
      } else return node;
      this.i++;
      if (this.peek() === '?') this.i++; // lazy: the same set of matches
      if (node.t === 'bol' || node.t === 'eol' || node.t === 'wb') throw invalid('repetition of an anchor');
      if (node.t === 'rep') throw invalid('bad repetition operator');
      node = { t: 'rep', node, min, max };
    }
  }

  private atom(flags: Flags): Node | null {
    const c = this.peek() as string;
    const cp = this.cps[this.i];
    this.i++;
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return this.charClass(flags);
      case '.':
        return flags.s ? { t: 'set', ranges: [[0, MAX_CODE_POINT]], negated: false } : { t: 'set', ranges: [[10, 10]], negated: true };
      case '^':
        return { t: 'bol', multiline: flags.m };
      case '$':
        return { t: 'eol', multiline: flags.m };
      case '\\':
        return this.escape(flags, false);
      case '*':
      case '+':
      case '?':
        throw invalid(`missing argument to repetition operator ${c}`);
      default:
        return { t: 'lit', cp, ci: flags.i };
    }
  }

  private group(flags: Flags): Node | null {
    const rest = String.fromCodePoint(...this.cps.slice(this.i, this.i + 40));
    let inner = flags;
    const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest);
    if (named) this.i += named[0].length;
    else if (rest.startsWith('?')) {
      const m = /^\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
      if (!m) throw unsupported(`(${rest.slice(0, 3)}`);
      this.i += m[0].length;
      const set = { ...flags };
      for (const f of m[1]) if (f !== 'U') set[f as keyof Flags] = true;
      for (const f of m[2] ?? '') if (f !== 'U') set[f as keyof Flags] = false;
      if (m[3] === ')') {
        Object.assign(flags, set); // applies to the rest of the enclosing group
        return null;
      }
      inner = set;
    }
    const node = this.alternation({ ...inner });
    if (this.peek() !== ')') throw invalid('missing )');
    this.i++;
    return node;
  }

  private escape(flags: Flags, inClass: boolean): Node {
    const c = this.peek();
    if (c === undefined) throw invalid('trailing \\');
    this.i++;
    const set = (ranges: Range[], negated = false): Node => ({ t: 'set', ranges, negated });
    switch (c) {
      case 'd': return set(DIGIT);
      case 'D': return set(DIGIT, true);
      case 'w': return set(WORD_ASCII);
      case 'W': return set(WORD_ASCII, true);
      case 's': return set(SPACE_ASCII);
      case 'S': return set(SPACE_ASCII, true);
      case 'p':
      case 'P': {
        let name: string;
        if (this.peek() === '{') {
          const end = this.cps.indexOf(0x7d, this.i);
          if (end < 0) throw invalid('missing }');
          name = String.fromCodePoint(...this.cps.slice(this.i + 1, end));
          this.i = end + 1;
        } else {
          name = this.peek() ?? '';
          this.i++;
        }
        let negated = c === 'P';
        if (name.startsWith('^')) [name, negated] = [name.slice(1), !negated];
        return set(name === 'Any' ? [[0, MAX_CODE_POINT]] : unicodeProperty(name), negated);
      }
      case 'n': return { t: 'lit', cp: 10, ci: false };
      case 't': return { t: 'lit', cp: 9, ci: false };
      case 'r': return { t: 'lit', cp: 13, ci: false };
      case 'f': return { t: 'lit', cp: 12, ci: false };
      case 'v': return { t: 'lit', cp: 11, ci: false };
      case 'a': return { t: 'lit', cp: 7, ci: false };
      case 'x': {
        const rest = String.fromCodePoint(...this.cps.slice(this.i, this.i + 12));
        const m = /^(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(rest);
        if (!m) throw invalid('bad \\x escape');
        this.i += m[0].length;
        return { t: 'lit', cp: parseInt(m[1] ?? m[2], 16), ci: flags.i };
      }
      case 'A':
        if (!inClass) return { t: 'bol', multiline: false };
        break;
      case 'z':
        if (!inClass) return { t: 'eol', multiline: false };
        break;
      case 'b':
        if (!inClass) return { t: 'wb' };
        break;
      case 'B':
        throw unsupported(`\\${c}`);
      default:
        if (!/[A-Za-z0-9]/.test(c)) return { t: 'lit', cp: c.codePointAt(0) as number, ci: flags.i };
    }
    throw invalid(`bad escape \\${c}`);
  }

  private charClass(flags: Flags): Node {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const ranges: Range[] = [];
    let first = true;
    while (this.more() && (this.peek() !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(String.fromCodePoint(...this.cps.slice(this.i, this.i + 12)));
      if (posix) {
        const named = POSIX[posix[2]];
        if (!named) throw invalid(`bad class [:${posix[2]}:]`);
        ranges.push(...(posix[1] ? complement(named) : named));
        this.i += posix[0].length;
        continue;
      }
      const lo = this.classItem(flags);
      if (Array.isArray(lo)) {
        ranges.push(...lo);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.i++;
        const hi = this.classItem(flags);
        if (Array.isArray(hi) || hi < lo) throw invalid('bad character class range');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    if (this.peek() !== ']') throw invalid('missing ]');
    this.i++;
    return { t: 'set', ranges: flags.i ? withCaseVariants(ranges) : ranges, negated };
  }

  /** One code point, or the ranges of an escaped class such as `\d` or `\pL`. */
  private classItem(flags: Flags): number | Range[] {
    const cp = this.cps[this.i];
    this.i++;
    if (cp !== 0x5c) return cp;
    const node = this.escape({ ...flags, i: false }, true);
    if (node.t === 'lit') return node.cp;
    if (node.t === 'set') return node.negated ? complement(node.ranges) : node.ranges;
    throw invalid('bad escape in character class');
  }
}

function emit(node: Node): string {
  switch (node.t) {
    case 'alt':
      return node.branches.length === 1 ? emitSeq(node.branches[0]) : `(${node.branches.map(emitSeq).join('|')})`;
    case 'lit':
      return node.ci ? classSource(caseVariants(node.cp).map((v) => [v, v] as Range)) : esc(node.cp);
    case 'set':
      return node.negated ? classSource(complement(node.ranges)) : classSource(node.ranges);
    case 'rep': {
      const inner = emit(node.node);
      const atom = node.node.t === 'alt' && node.node.branches.length === 1 ? `(${inner})` : inner;
      if (node.min === 0 && node.max === null) return `${atom}*`;
      if (node.min === 1 && node.max === null) return `${atom}+`;
      if (node.min === 0 && node.max === 1) return `${atom}?`;
      return node.max === null ? `${atom}{${node.min},}` : `${atom}{${node.min},${node.max}}`;
    }
    case 'wb':
      throw unsupported('\\b other than at the start or end of the pattern');
    default:
      throw unsupported('an anchor (^, $) inside a group');
  }
}

function emitSeq(items: Node[]): string {
  return items.length === 0 ? '()' : items.map(emit).join('');
}

const ASCII_WORD = classSource(WORD_ASCII);
const ASCII_NON_WORD = classSource(complement(WORD_ASCII));

/** Whether a node's characters are all ASCII word characters (true) or all others (false), for `\\b`. */
function wordSide(node: Node | undefined, last = false): boolean {
  const all = (ranges: Range[]) => {
    const inside = ranges.every(([lo, hi]) => WORD_ASCII.some(([a, b]) => lo >= a && hi <= b));
    const outside = ranges.every(([lo, hi]) => WORD_ASCII.every(([a, b]) => hi < a || lo > b));
    if (inside === outside) throw unsupported('\\b next to characters of both kinds');
    return inside;
  };
  if (node?.t === 'lit') return all((node.ci ? caseVariants(node.cp) : [node.cp]).map((v) => [v, v] as Range));
  if (node?.t === 'set') return all(node.negated ? complement(node.ranges) : node.ranges);
  if (node?.t === 'rep' && node.min > 0) return wordSide(node.node, last);
  if (node?.t === 'alt' && node.branches.length === 1 && node.branches[0].length > 0) {
    const items = node.branches[0];
    return wordSide(last ? items[items.length - 1] : items[0], last);
  }
  throw unsupported('\\b here');
}

/** A branch's leading `^`/trailing `$` become edges; anchors anywhere else are refused. */
function emitBranches(branches: Node[][], anchored: boolean): string[] {
  const out: string[] = [];
  for (const branch of branches) {
    let items = [...branch];
    // A branch that is one plain group: its alternatives are branches too.
    if (items.length === 1 && items[0].t === 'alt' && items[0].branches.length > 1) {
      out.push(...emitBranches(items[0].branches, anchored));
      continue;
    }
    let start = anchored ? '' : '.*';
    let end = anchored ? '' : '.*';
    while (items[0]?.t === 'bol') {
      if (!anchored) start = items[0].multiline ? `(()|.*\\${'\n'})` : '';
      items = items.slice(1);
    }
    while (items[items.length - 1]?.t === 'eol') {
      const last = items[items.length - 1] as { multiline: boolean };
      if (!anchored) end = last.multiline ? `(\\${'\n'}.*|())` : '';
      items = items.slice(0, -1);
    }
    if (items[0]?.t === 'wb') {
      const side = wordSide(items[1]);
      items = items.slice(1);
      if (!anchored) start = start === '' ? (side ? '' : '#') : side ? `(()|.*${ASCII_NON_WORD})` : `.*${ASCII_WORD}`;
      else if (!side) start = '#';
    }
    if (items[items.length - 1]?.t === 'wb') {
      const side = wordSide(items[items.length - 2], true);
      items = items.slice(0, -1);
      if (!anchored) end = end === '' ? (side ? '' : '#') : side ? `(${ASCII_NON_WORD}.*|())` : `${ASCII_WORD}.*`;
      else if (!side) end = '#';
    }
    out.push(start + emitSeq(items) + end);
  }
  return out;
}

/**
 * A user's RE2 pattern as a Lucene regexp over a whole keyword value: unanchored (a search
 * anywhere in the value, as grep) or `anchored` (the whole value must match, as Lucene).
 * Throws InvalidQueryError for a pattern RE2 would reject or that has no Lucene equivalent.
 */
export function re2ToLucene(pattern: string, options: { anchored: boolean; insensitive?: boolean }): string {
  const tree = new Re2Parser(pattern).parse({ i: options.insensitive ?? false, s: false, m: false });
  if (tree.t !== 'alt') throw invalid(pattern);
  const branches = emitBranches(tree.branches, options.anchored);
  return branches.length === 1 ? branches[0] : branches.map((b) => `(${b})`).join('|');
}
