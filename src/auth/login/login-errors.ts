import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidCredentialsError } from '../auth.service';
import { TooManyLoginFailuresError } from './login-throttle';

/** Maps a failed login to its HTTP answer: 401 for bad credentials, 429 + Retry-After when throttled. */
export function loginFailure(err: unknown, res: Response): unknown {
  if (err instanceof InvalidCredentialsError) {
    return new UnauthorizedException({ success: false, error: 'invalid_credentials', message: err.message });
  }
  if (err instanceof TooManyLoginFailuresError) {
    res.setHeader('Retry-After', String(err.retryAfterSeconds));
    return new HttpException(
      { success: false, error: 'too_many_attempts', message: err.message, retry_after: err.retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
  return err;
}
