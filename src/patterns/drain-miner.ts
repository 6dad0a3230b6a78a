/**
 * Online log template mining in the style of Drain (He, Zhu, Zheng and Lyu, ICWS 2017): a
 * line is masked (numbers, hex, UUIDs, IPs, paths and ids become `<*>`, a quoted part of
 * several words one `"<*>"`), split into tokens, and routed down a fixed-depth tree — first
 * by its token count, then by its leading tokens —
 * to a short list of templates; it joins the most similar one when at least `similarity` of
 * the positions agree (the differing positions become `<*>`), else starts a new template.
 */
export interface DrainOptions {
  /** Leading tokens that route a line (Drain's depth minus the root and length levels). */
  prefixTokens?: number;
  similarity?: number;
  /** Children of a tree node beyond which further tokens share one `<*>` branch. */
  maxChildren?: number;
  /** The id of a template made from these (masked) tokens; the creation order by default. */
  newId?: (tokens: readonly string[]) => string;
}

export const WILDCARD = '<*>';

export interface Template {
  /** Given once, when the template is made; it stays when the template generalizes. */
  id: string;
  tokens: string[];
  count: number;
}

// What a token's core (its edge punctuation aside) is masked for: a UUID, an IP, a hex or
// plain number, or any id, size or duration has a digit (user-123, pay_9f2c, 30s); a path has
// a slash. So a core is masked when it has a digit, or is a path.
const PATH = /^[/~.]?[\w.-]*\/[\w./-]*$/;

const LEAD = new Set(['(', '"', "'", '[', '{']);
const TRAIL = new Set([')', '"', "'", ']', '}', ',', ';', ':', '.', '!', '?']);

/** A token with its core masked, its edge punctuation kept; `key=value` masks only the value. */
function maskToken(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && LEAD.has(token[start])) start++;
  while (end > start && TRAIL.has(token[end - 1])) end--;
  if (start === end) return token;
  const eq = token.indexOf('=', start);
  // The value of `key=value` (a non-empty key and value), else the whole core.
  const from = eq > start && eq < end - 1 ? eq + 1 : start;
  if (!hasDigit(token, from, end) && !PATH.test(from === 0 && end === token.length ? token : token.slice(from, end))) return token;
  return token.slice(0, from) + WILDCARD + token.slice(end);
}

function hasDigit(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

// A token without a digit or a slash is never masked, and most words of a line are such
// tokens: only the others go through maskToken, in one regex scan of the line.
const MAYBE_MASKED = /[^\s]*[\d/][^\s]*/g;
const UNEVEN_SPACE = /[^\S ]| {2}/;

/**
 * A line with its variable parts masked and its whitespace collapsed to single spaces: the
 * key under which lines of one shape are remembered (the ingest cache, the miner's input).
 */
export function maskLine(line: string): string {
  const spaced = UNEVEN_SPACE.test(line) ? line.replace(/\s+/g, ' ') : line;
  const masked = spaced.trim().replace(MAYBE_MASKED, maskToken);
  return masked.includes('"') ? maskQuoted(masked) : masked;
}

/**
 * A double-quoted part with a space in it (`"gift card"`, `tag="View Lock"`) becomes one
 * `"<*>"`: a variable of several words would change the line's token count, which routes it,
 * so `Search "gift card"` could never join `Search "shoes"` (docs/decisions/0141). Quotes pair
 * from the left; a quoted single word stays (the miner finds it variable or constant).
 */
function maskQuoted(line: string): string {
  let out = '';
  let from = 0;
  for (let open = line.indexOf('"'); open >= 0; ) {
    const close = line.indexOf('"', open + 1);
    if (close < 0) break;
    if (line.lastIndexOf(' ', close) > open) {
      out += line.slice(from, open) + '"' + WILDCARD + '"';
      from = close + 1;
    }
    open = line.indexOf('"', close + 1);
  }
  return from === 0 ? line : out + line.slice(from);
}

/** The tokens of a line with variable parts masked; punctuation at a token's edges is kept. */
export function maskTokens(line: string): string[] {
  const masked = maskLine(line);
  return masked === '' ? [] : masked.split(' ');
}

interface TreeNode {
  children: Map<string, TreeNode>;
  templates: Template[];
}

export class DrainMiner {
  private readonly prefixTokens: number;
  private readonly similarity: number;
  private readonly maxChildren: number;
  private readonly newId: (tokens: readonly string[]) => string;
  private readonly root = new Map<number, TreeNode>();
  private readonly all: Template[] = [];

  constructor(options: DrainOptions = {}) {
    this.prefixTokens = options.prefixTokens ?? 1;
    this.similarity = options.similarity ?? 0.6;
    this.maxChildren = options.maxChildren ?? 100;
    this.newId = options.newId ?? (() => String(this.all.length));
  }

  /** Files a line under a template (new or generalized) and returns it. */
  add(line: string): Template {
    return this.addTokens(maskTokens(line)).template;
  }

  /**
   * Files masked tokens under a template; says whether it was made for them (`created`) or
   * had a position turned into a wildcard (`changed`, its tokens before in `previous`),
   * which is what a store must be told.
   */
  addTokens(tokens: string[]): { template: Template; created: boolean; changed: boolean; previous: string[] } {
    const leaf = this.leafFor(tokens);
    let best: Template | null = null;
    let bestScore = -1;
    for (const t of leaf.templates) {
      const score = similarity(t.tokens, tokens);
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    if (best && bestScore >= this.similarity) {
      const previous = best.tokens;
      let changed = false;
      best.tokens = best.tokens.map((t, i) => {
        if (t === tokens[i] || t === WILDCARD) return t;
        changed = true;
        return WILDCARD;
      });
      best.count++;
      return { template: best, created: false, changed, previous };
    }
    const created: Template = { id: this.newId(tokens), tokens, count: 1 };
    leaf.templates.push(created);
    this.all.push(created);
    return { template: created, created: true, changed: false, previous: tokens };
  }

  /** Puts back a template kept from an earlier run, with its id and count. */
  restore(template: Template): void {
    this.leafFor(template.tokens).templates.push(template);
    this.all.push(template);
  }

  /** Takes back a template that `addTokens` made (its publish lost a race to another process). */
  forget(template: Template): void {
    const leaf = this.leafFor(template.tokens);
    leaf.templates = leaf.templates.filter((t) => t !== template);
    const at = this.all.indexOf(template);
    if (at >= 0) this.all.splice(at, 1);
  }

  templates(): readonly Template[] {
    return this.all;
  }

  private leafFor(tokens: string[]): TreeNode {
    let node = this.root.get(tokens.length);
    if (!node) {
      node = { children: new Map(), templates: [] };
      this.root.set(tokens.length, node);
    }
    for (let depth = 0; depth < Math.min(this.prefixTokens, tokens.length); depth++) {
      // A masked token routes to the wildcard branch, as does any token once a node is full.
      let key = tokens[depth].includes(WILDCARD) ? WILDCARD : tokens[depth];
      if (!node.children.has(key) && node.children.size >= this.maxChildren) key = WILDCARD;
      let child = node.children.get(key);
      if (!child) {
        child = { children: new Map(), templates: [] };
        node.children.set(key, child);
      }
      node = child;
    }
    return node;
  }
}

/**
 * Share of a template's constant positions (not `<*>`) where the line has the same token. Only
 * constants count: wildcards agree with anything, and counting them made short lines with
 * many variables look alike.
 */
function similarity(template: string[], tokens: string[]): number {
  let same = 0;
  let constants = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === WILDCARD) continue;
    constants++;
    if (template[i] === tokens[i]) same++;
  }
  if (constants === 0 || same === constants) return 1;
  // Fewer than MIN_AGREEING shared words is too little evidence for a merge: two short lines
  // that differ in a word of three ("User <*> logged in" / "… logged out") stay apart, while
  // a variable of two words in a longer line ("declined by issuer: card expired") is one.
  return same < MIN_AGREEING ? 0 : same / constants;
}

const MIN_AGREEING = 3;

export const templateText = (t: Template): string => t.tokens.join(' ');

/** Two versions of one template made more general on their own: `<*>` wherever either has one or they differ. */
export function mergeTemplates(a: readonly string[], b: readonly string[]): string[] {
  if (a.length !== b.length) return [...b];
  return a.map((t, i) => (t === b[i] ? t : WILDCARD));
}
