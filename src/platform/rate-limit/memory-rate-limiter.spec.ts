import { MemoryRateLimiter } from './memory-rate-limiter';
import { describeRateLimiterContract } from './rate-limiter.contract';

describeRateLimiterContract('memory', () => new MemoryRateLimiter());
