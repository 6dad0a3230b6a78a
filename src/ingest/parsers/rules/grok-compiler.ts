// Grok patterns (`%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}`) expanded into
// one RE2 expression from GROK_LIBRARY. Each `%{NAME:field[:int|float]}` becomes a numbered
// named group, so a field name may contain dots and may appear in two alternatives. The text
// between references is the user's own RE2 syntax and may hold `(?P<name>…)` groups too.

import { GROK_LIBRARY } from './grok-library';

export type FieldType = 'string' | 'int' | 'float';

export interface GroupField {
  /** The RE2 group name in the compiled source. */
  group: string;
  field: string;
  type: FieldType;
}

/** A pattern that cannot be compiled; `position` is the 0-based index in the user's pattern. */
export class RuleSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(`${problem} at position ${position}`);
    this.name = 'RuleSyntaxError';
  }
}

export interface ExpandedGrok {
  source: string;
  fields: GroupField[];
  /** Maps an index of `source` back to the user's pattern. */
  positionOf(sourceIndex: number): number;
}

const REFERENCE = /%\{([^}]*)\}/g;
const NAME = /^[A-Z0-9_]+$/;
const FIELD = /^[A-Za-z_@][\w.@-]{0,99}$/;
const MAX_DEPTH = 12;
const MAX_FIELDS = 100;

/** The library entry expanded in full (references resolved, non-capturing). */
function expandLibrary(name: string, depth: number, stack: string[]): string {
  if (depth > MAX_DEPTH || stack.includes(name)) throw new Error(`grok pattern ${name} refers to itself`);
  const body = GROK_LIBRARY[name];
  return body.replace(REFERENCE, (_all, inner: string) => {
    const ref = inner.split(':')[0];
    return `(?:${expandLibrary(ref, depth + 1, [...stack, name])})`;
  });
}

export function expandGrok(pattern: string): ExpandedGrok {
  const fields: GroupField[] = [];
  // [start in source, start in pattern, length]: literal stretches copied from the pattern.
  const literals: [number, number, number][] = [];
  let source = '';
  let last = 0;
  const copy = (from: number, to: number) => {
    literals.push([source.length, from, to - from]);
    source += pattern.slice(from, to);
  };
  for (const m of pattern.matchAll(REFERENCE)) {
    const at = m.index;
    copy(last, at);
    const [name, field, type, ...extra] = m[1].split(':');
    if (!NAME.test(name ?? '')) throw new RuleSyntaxError(at, `%{${m[1]}}: a pattern name is upper-case letters, digits and _`);
    if (!(name in GROK_LIBRARY)) throw new RuleSyntaxError(at, `%{${name}}: no such grok pattern`);
    if (extra.length > 0) throw new RuleSyntaxError(at, `%{${m[1]}}: expected %{NAME}, %{NAME:field} or %{NAME:field:int|float}`);
    const body = expandLibrary(name, 0, []);
    if (field === undefined) {
      source += `(?:${body})`;
    } else {
      if (!FIELD.test(field)) throw new RuleSyntaxError(at, `%{${m[1]}}: a field name is letters, digits, _ . @ - (at most 100)`);
      if (type !== undefined && type !== 'int' && type !== 'float') throw new RuleSyntaxError(at, `%{${m[1]}}: the type is int or float`);
      if (fields.length === MAX_FIELDS) throw new RuleSyntaxError(at, `at most ${MAX_FIELDS} fields`);
      const group = `_g${fields.length}`;
      fields.push({ group, field, type: (type as FieldType | undefined) ?? 'string' });
      source += `(?P<${group}>${body})`;
    }
    last = at + m[0].length;
  }
  copy(last, pattern.length);
  if (pattern.includes('%{', last)) {
    throw new RuleSyntaxError(pattern.lastIndexOf('%{'), '%{ without a closing }');
  }
  return {
    source,
    fields,
    positionOf(sourceIndex: number): number {
      let best = 0;
      for (const [s, p, n] of literals) {
        if (sourceIndex >= s && sourceIndex <= s + n) return p + (sourceIndex - s);
        if (s <= sourceIndex) best = p + n;
      }
      return best;
    },
  };
}
