// Reads a parsing rule from a request body (upload form, preview, saved-rule CRUD) and turns a
// rule that does not compile into a 400 that names the part and the position.

import { BadRequestException } from '@nestjs/common';
import { compiledRule } from '../ingest/parsers/create-parser';
import { NAMED_FORMATS } from '../ingest/parsers/rules/named-formats';
import { InvalidRuleError, MAX_PATTERN_LENGTH, ParseRuleSpec, PATTERN_TYPES, PatternType } from '../ingest/parsers/rules/parse-rule';
import { badParameter } from '../platform/http/bad-request';

/** An optional text field of a body: absent or empty is undefined; anything else than text up to `max` is a 400. */
export function bodyText(body: Record<string, unknown>, key: string, max: number): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || v.length > max) throw badParameter(key, `must be text of at most ${max} characters`);
  return v;
}

/** True when `format` names a parsing rule's format (`syslog`, `logcat`, …) rather than an input format. */
export function isNamedFormat(format: string | undefined): boolean {
  return format !== undefined && Object.hasOwn(NAMED_FORMATS, format);
}

/**
 * The rule of a body: `format` (a named format), or `pattern` with `pattern_type` (grok, the
 * default, or regex); `timestamp_format` with either. Undefined when the body names none.
 * `formatKey` is the body key holding a named format (`format` on uploads, where it may also
 * be an input format, handled by the caller).
 */
export function ruleFromBody(body: Record<string, unknown>, formatKey = 'format'): ParseRuleSpec | undefined {
  const format = bodyText(body, formatKey, 40);
  const pattern = bodyText(body, 'pattern', MAX_PATTERN_LENGTH);
  const patternType = bodyText(body, 'pattern_type', 10);
  const timestampFormat = bodyText(body, 'timestamp_format', 100);
  if (patternType !== undefined && !PATTERN_TYPES.includes(patternType as PatternType)) {
    throw badParameter('pattern_type', `must be ${PATTERN_TYPES.join(' or ')}`);
  }
  if (format === undefined && pattern === undefined) {
    if (timestampFormat !== undefined || patternType !== undefined) throw badParameter('pattern', 'a format or a pattern is required with timestamp_format / pattern_type');
    return undefined;
  }
  const spec: ParseRuleSpec = {};
  if (format !== undefined) spec.format = format;
  if (pattern !== undefined) spec.pattern = pattern;
  if (patternType !== undefined) spec.patternType = patternType as PatternType;
  if (timestampFormat !== undefined) spec.timestampFormat = timestampFormat;
  assertCompiles(spec);
  return spec;
}

/** Throws a 400 `{field, position, message}` when the rule does not compile. */
export function assertCompiles(spec: ParseRuleSpec): void {
  try {
    compiledRule(spec);
  } catch (err) {
    if (!(err instanceof InvalidRuleError)) throw err;
    throw new BadRequestException({ success: false, error: 'invalid_rule', field: err.field, position: err.position, message: err.message });
  }
}

/** The API shape of a rule. */
export function toApiRule(spec: ParseRuleSpec) {
  return {
    format: spec.format ?? null,
    pattern: spec.pattern ?? null,
    pattern_type: spec.format !== undefined ? null : (spec.patternType ?? 'grok'),
    timestamp_format: spec.timestampFormat ?? null,
  };
}
