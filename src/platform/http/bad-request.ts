import { BadRequestException } from '@nestjs/common';

/** A 400 that names the parameter at fault and what was wrong with it. */
export function badParameter(field: string, problem: string): BadRequestException {
  return new BadRequestException({ success: false, error: 'invalid_parameter', field, message: `${field}: ${problem}` });
}
