import { BadRequestException } from '@nestjs/common';

/** A 400 that names the parameter at fault and what was wrong with it. */
export function badParameter(field: string, problem: string): BadRequestException {
  return new BadRequestException({ success: false, error: 'invalid_parameter', field, message: `${field}: ${problem}` });
}

/**
 * An integer parameter from `min` to `max` (`fallback` when absent). Every paging parameter
 * goes through it: an unbounded `page=1e300` is an integer too, and reached the store (issue 14).
 */
export function integerParam(raw: unknown, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw badParameter(name, `must be an integer from ${min} to ${max}`);
  return n;
}

/** A required name: trimmed, 1 to `max` characters. */
export function nameParam(raw: unknown, field: string, max: number): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badParameter(field, `is required: 1 to ${max} characters`);
  if (raw.trim().length > max) throw badParameter(field, `is longer than ${max} characters`);
  return raw.trim();
}

/** An optional free text of up to `max` characters; absent or blank is null. */
export function optionalTextParam(raw: unknown, field: string, max: number): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw badParameter(field, 'must be a string');
  if (raw.length > max) throw badParameter(field, `is longer than ${max} characters`);
  return raw.trim() === '' ? null : raw.trim();
}
