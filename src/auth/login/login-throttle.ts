import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RateLimiter, RateWindow } from '../../platform/rate-limit/rate-limiter';

export class TooManyLoginFailuresError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * Counts failed logins per client IP and username together, and per client IP, in a fixed
 * window; past either limit every attempt from that IP (even a right password) is refused
 * until the window ends. Keyed by IP and username, not by username alone, so that nobody can
 * lock someone else out (the admin included) by failing 10 times from their own address
 * (docs/decisions/0013). A success clears that IP's count for the username only, so one
 * user's success does not unlock a guessing IP.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  async assertAllowed(ip: string, username: string): Promise<void> {
    const [byUser, byIp] = await Promise.all([this.limiter.peek(userKey(ip, username)), this.limiter.peek(ipKey(ip))]);
    const blocked = [
      over(byUser, this.config.loginFailuresPerUsername),
      over(byIp, this.config.loginFailuresPerIp),
    ].filter((w): w is RateWindow => w !== null);
    if (blocked.length === 0) return;
    const resetAt = Math.max(...blocked.map((w) => w.resetAt));
    throw new TooManyLoginFailuresError(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)));
  }

  async recordFailure(ip: string, username: string): Promise<void> {
    const windowMs = this.config.loginFailureWindowSeconds * 1000;
    await Promise.all([this.limiter.increment(userKey(ip, username), windowMs), this.limiter.increment(ipKey(ip), windowMs)]);
  }

  async recordSuccess(ip: string, username: string): Promise<void> {
    await this.limiter.reset(userKey(ip, username));
  }
}

const userKey = (ip: string, username: string) => `login:user:${ip}:${username.toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;
const over = (window: RateWindow | null, limit: number) => (window && window.count >= limit ? window : null);
