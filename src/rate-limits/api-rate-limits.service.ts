import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { describeRule, RATE_LIMIT_CLASSES, RateLimitClass, RateLimitRule } from '../config/rate-limit-config';
import { RateLimiter } from '../platform/rate-limit/rate-limiter';

/** Who a hit counts against: `user:<id>`, `token:<id>` (API tokens) or `ip:<address>` (anonymous). */
export interface RateSubject {
  /** null for anonymous callers. */
  tenantId: string | null;
  id: string;
}

export interface RateVerdict {
  rule: RateLimitRule;
  allowed: boolean;
  remaining: number;
  resetAt: number;
}

export interface RateLimitEntry {
  tenantId: string | null;
  limitClass: RateLimitClass;
  subject: string;
  count: number;
  limit: number;
  resetAt: number;
}

/** The status page lists at most this many open windows. */
const STATUS_LIMIT = 1000;
const ANONYMOUS = '-';

/**
 * API rate limits: a fixed window per endpoint class and subject, counted in the RateLimiter
 * port (Redis when configured, so every process shares the count). Keys are
 * `api:<tenant>:<class>:<subject>`, so one tenant's admin sees and resets only its own;
 * installation admins see every tenant's and the anonymous (per address) ones.
 */
@Injectable()
export class ApiRateLimits {
  private readonly logger = new Logger(ApiRateLimits.name);

  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  get enabled(): boolean {
    return this.config.rateLimits !== null;
  }

  rules(): Record<RateLimitClass, RateLimitRule> | null {
    return this.config.rateLimits;
  }

  /** Counts one call; null when limits are off or the counter store failed (calls are let through then). */
  async hit(limitClass: RateLimitClass, subject: RateSubject): Promise<RateVerdict | null> {
    const rule = this.config.rateLimits?.[limitClass];
    if (!rule) return null;
    try {
      const window = await this.limiter.increment(key(subject.tenantId, limitClass, subject.id), rule.windowSeconds * 1000);
      return { rule, allowed: window.count <= rule.limit, remaining: Math.max(0, rule.limit - window.count), resetAt: window.resetAt };
    } catch (err) {
      this.logger.warn(`Rate limit counter unavailable, letting the call through: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  describe(rule: RateLimitRule): string {
    return describeRule(rule);
  }

  /** The open windows of one tenant, or of every tenant and anonymous caller (`null`, installation admins). */
  async status(tenantId: string | null): Promise<RateLimitEntry[]> {
    const windows = await this.limiter.list(prefix(tenantId), STATUS_LIMIT);
    return windows.map((w) => {
      const [, tenant, limitClass, ...subject] = w.key.split(':');
      return {
        tenantId: tenant === ANONYMOUS ? null : tenant,
        limitClass: limitClass as RateLimitClass,
        subject: subject.join(':'),
        count: w.count,
        limit: this.config.rateLimits?.[limitClass as RateLimitClass]?.limit ?? 0,
        resetAt: w.resetAt,
      };
    });
  }

  /** Forgets every class's window of one subject of the tenant (of any tenant with `null`). */
  async reset(tenantId: string | null, subject: string): Promise<void> {
    const tenants = tenantId !== null ? [tenantId] : [...new Set((await this.status(null)).filter((e) => e.subject === subject).map((e) => e.tenantId))];
    await Promise.all(tenants.flatMap((t) => RATE_LIMIT_CLASSES.map((c) => this.limiter.reset(key(t, c, subject)))));
  }

  async resetAll(tenantId: string | null): Promise<number> {
    return this.limiter.resetPrefix(prefix(tenantId));
  }
}

const prefix = (tenantId: string | null) => (tenantId === null ? 'api:' : `api:${tenantId}:`);
const key = (tenantId: string | null, limitClass: RateLimitClass, subject: string) => `api:${tenantId ?? ANONYMOUS}:${limitClass}:${subject}`;
