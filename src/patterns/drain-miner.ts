/**
 * Online log template mining in the style of Drain (He, Zhu, Zheng and Lyu, ICWS 2017): a
 * line is masked (numbers, hex, UUIDs, IPs, paths and ids become `<*>`), split into tokens,
 * and routed down a fixed-depth tree — first by its token count, then by its leading tokens —
 * to a short list of templates; it joins the most similar one when at least `similarity` of
 * the positions agree (the differing positions become `<*>`), else starts a new template.
 */
export interface DrainOptions {
  /** Leading tokens that route a line (Drain's depth minus the root and length levels). */
  prefixTokens?: number;
  similarity?: number;
  /** Children of a tree node beyond which further tokens share one `<*>` branch. */
  maxChildren?: number;
}

export const WILDCARD = '<*>';

export interface Template {
  /** Order of creation in this miner. */
  id: number;
  tokens: string[];
  count: number;
}

const MASKS: RegExp[] = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUID
  /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/, // IPv4[:port]
  /^(0x)?[0-9a-f]*\d[0-9a-f]*$/i, // hex and plain numbers
  /^[/~.]?[\w.-]*\/[\w./-]*$/, // paths
  /\d/, // anything else with a digit: ids (user-123, pay_9f2c), sizes, durations (30s)
];
const EDGE_PUNCTUATION = /^([("'[{]*)(.*?)([)"'\]},;:.!?]*)$/;

/** The tokens of a line with variable parts masked; punctuation at a token's edges is kept. */
export function maskTokens(line: string): string[] {
  return line
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => {
      const [, lead, core, trail] = EDGE_PUNCTUATION.exec(token) ?? ['', '', token, ''];
      if (core === '') return token;
      const eq = core.indexOf('=');
      if (eq > 0 && eq < core.length - 1) {
        const value = core.slice(eq + 1);
        return lead + core.slice(0, eq + 1) + (MASKS.some((m) => m.test(value)) ? WILDCARD : value) + trail;
      }
      return MASKS.some((m) => m.test(core)) ? lead + WILDCARD + trail : token;
    });
}

interface TreeNode {
  children: Map<string, TreeNode>;
  templates: Template[];
}

export class DrainMiner {
  private readonly prefixTokens: number;
  private readonly similarity: number;
  private readonly maxChildren: number;
  private readonly root = new Map<number, TreeNode>();
  private readonly all: Template[] = [];

  constructor(options: DrainOptions = {}) {
    this.prefixTokens = options.prefixTokens ?? 2;
    this.similarity = options.similarity ?? 0.5;
    this.maxChildren = options.maxChildren ?? 100;
  }

  /** Files a line under a template (new or generalized) and returns it. */
  add(line: string): Template {
    const tokens = maskTokens(line);
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
      best.tokens = best.tokens.map((t, i) => (t === tokens[i] ? t : WILDCARD));
      best.count++;
      return best;
    }
    const created: Template = { id: this.all.length, tokens, count: 1 };
    leaf.templates.push(created);
    this.all.push(created);
    return created;
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

/** Share of positions where a template and a line agree (a wildcard agrees with anything, for half). */
function similarity(template: string[], tokens: string[]): number {
  let same = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === tokens[i]) same++;
    else if (template[i] === WILDCARD) same += 0.5;
  }
  return template.length === 0 ? 1 : same / template.length;
}

export const templateText = (t: Template): string => t.tokens.join(' ');
