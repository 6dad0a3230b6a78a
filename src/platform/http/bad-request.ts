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
