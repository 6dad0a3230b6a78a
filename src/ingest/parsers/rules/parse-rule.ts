// A parsing rule: what header detection cannot know about a text log. Either a named format
// (NAMED_FORMATS) or a user pattern — grok (`%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level}
// %{GREEDYDATA:message}`) or an RE2 regex with named groups — plus an optional timestamp format.
// User patterns are untrusted: they run on re2js, a linear-time engine (no backtracking, so no
// catastrophic patterns), and are matched from the start of each line.
// The spec is plain data: it travels to the ingest worker thread and is compiled there.

import { RE2JS } from 're2js';
import { ExpandedGrok, expandGrok, FieldType, GroupField, RuleSyntaxError } from './grok-compiler';
import { NAMED_FORMAT_NAMES, NAMED_FORMATS } from './named-formats';
import { compileTimestampFormat, TimestampFormat } from './timestamp-format';

export const PATTERN_TYPES = ['grok', 'regex'] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

export interface ParseRuleSpec {
  /** A NAMED_FORMATS name; excludes `pattern`. */
  format?: string;
  pattern?: string;
  patternType?: PatternType;
  /** Java letters (`yyyy-MM-dd HH:mm:ss.SSS`), `epoch`, `epoch_ms` or `ISO8601`. */
  timestampFormat?: string;
}

/** A problem with one part of a rule: `field` names the part, `position` is an index into it. */
export class InvalidRuleError extends Error {
  constructor(
    readonly field: 'format' | 'pattern' | 'pattern_type' | 'timestamp_format',
    readonly position: number | null,
    readonly problem: string,
  ) {
    super(position === null ? `${field}: ${problem}` : `${field}: ${problem} (at position ${position})`);
    this.name = 'InvalidRuleError';
  }
}

export const MAX_PATTERN_LENGTH = 4000;
const TIMESTAMP_NAMES = new Set(['timestamp', '@timestamp', 'time', 'ts', 'datetime', 'date']);

export interface CompiledRule {
  /** Field names the rule can capture, in pattern order. */
  readonly fields: string[];
  /** The line's raw record (captured fields; `message` is the line when none is captured), or null when it does not match. */
  match(line: string, now: number): Record<string, unknown> | null;
}

/** Compiles a rule; throws InvalidRuleError naming the part at fault and where. */
export function compileRule(spec: ParseRuleSpec): CompiledRule {
  if (spec.format !== undefined && spec.pattern !== undefined) throw new InvalidRuleError('pattern', null, 'give a format or a pattern, not both');
  let pattern = spec.pattern;
  let patternType: PatternType = spec.patternType ?? 'grok';
  let timestampFormat = spec.timestampFormat;
  if (spec.format !== undefined) {
    const named = NAMED_FORMATS[spec.format];
    if (!named) throw new InvalidRuleError('format', null, `must be one of ${NAMED_FORMAT_NAMES.join(', ')}`);
    pattern = named.pattern;
    patternType = 'grok';
    timestampFormat ??= named.timestampFormat;
  }
  if (pattern === undefined || pattern.length === 0) throw new InvalidRuleError('pattern', null, 'a format or a pattern is required');
  if (pattern.length > MAX_PATTERN_LENGTH) throw new InvalidRuleError('pattern', MAX_PATTERN_LENGTH, `is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (!PATTERN_TYPES.includes(patternType)) throw new InvalidRuleError('pattern_type', null, `must be ${PATTERN_TYPES.join(' or ')}`);
  let time: TimestampFormat | null = null;
  if (timestampFormat !== undefined) {
    try {
      time = compileTimestampFormat(timestampFormat);
    } catch (err) {
      if (err instanceof RuleSyntaxError) throw new InvalidRuleError('timestamp_format', err.position, err.problem);
      throw err;
    }
  }
  const { regex, fields } = compilePattern(pattern, patternType);
  return new Rule(regex, fields, time);
}

function compilePattern(pattern: string, type: PatternType): { regex: RE2JS; fields: GroupField[] } {
  let expanded: ExpandedGrok;
  try {
    expanded = type === 'grok' ? expandGrok(pattern) : { source: pattern, fields: [], positionOf: (i) => i };
  } catch (err) {
    if (err instanceof RuleSyntaxError) throw new InvalidRuleError('pattern', err.position, err.problem);
    throw err;
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(expanded.source);
  } catch (err) {
    const e = err as Error & { error?: string; input?: string };
    const what = e.error ?? e.message;
    const paren = /missing closing \)|unexpected \)/.test(what);
    const at = paren ? unbalancedParen(expanded.source) : e.input ? expanded.source.indexOf(e.input) : -1;
    throw new InvalidRuleError('pattern', at === -1 ? 0 : expanded.positionOf(at), e.input && !paren ? `${what}: \`${e.input.slice(0, 60)}\`` : what);
  }
  const fields = [...expanded.fields];
  for (const name of Object.keys(regex.namedGroups())) {
    if (!name.startsWith('_g') || !fields.some((f) => f.group === name)) fields.push({ group: name, field: name, type: 'string' });
  }
  if (fields.length === 0) throw new InvalidRuleError('pattern', 0, 'captures no field: use %{NAME:field} or (?P<field>…)');
  return { regex, fields };
}

/** Index of the first `)` without its `(`, else of the last `(` left open; -1 when balanced. */
function unbalancedParen(source: string): number {
  const open: number[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') open.push(i);
    else if (c === ')' && open.pop() === undefined) return i;
  }
  return open.length > 0 ? open[open.length - 1] : -1;
}

function typed(value: string, type: FieldType): string | number {
  if (type === 'string') return value;
  const n = type === 'int' ? Number.parseInt(value, 10) : Number.parseFloat(value);
  return Number.isFinite(n) ? n : value;
}

class Rule implements CompiledRule {
  readonly fields: string[];

  constructor(
    private readonly regex: RE2JS,
    private readonly groups: GroupField[],
    private readonly time: TimestampFormat | null,
  ) {
    this.fields = [...new Set(groups.map((g) => g.field))];
  }

  match(line: string, now: number): Record<string, unknown> | null {
    const m = this.regex.matcher(line);
    if (!m.lookingAt()) return null;
    const raw: Record<string, unknown> = {};
    for (const g of this.groups) {
      const value = m.group(g.group);
      if (value === null || raw[g.field] !== undefined) continue;
      if (this.time !== null && TIMESTAMP_NAMES.has(g.field)) {
        const ms = this.time.parse(value, now);
        raw[g.field] = ms === null ? value : new Date(ms).toISOString();
        continue;
      }
      raw[g.field] = typed(value, g.type);
    }
    if (raw.message === undefined && raw.msg === undefined) raw.message = line;
    return raw;
  }
}
