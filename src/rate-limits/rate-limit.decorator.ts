import { SetMetadata } from '@nestjs/common';
import { RateLimitClass } from '../config/rate-limit-config';

export const RATE_LIMIT_CLASS_KEY = 'lognest:rate-limit-class';

/**
 * The API rate-limit class of a route (seed 002's table). Undecorated /api routes count as
 * `default`; pages outside /api are not limited unless decorated (/metrics is).
 */
export const RateLimit = (limitClass: RateLimitClass) => SetMetadata(RATE_LIMIT_CLASS_KEY, limitClass);
