import type { NextFunction, Request, Response } from 'express';

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Content-Encoding, X-CSRF-Token, X-Request-ID, X-Correlation-ID, traceparent';
/** What a page of another origin may read from an answer besides the CORS-safelisted headers. */
const EXPOSED_HEADERS = 'X-Request-ID, X-Correlation-ID, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Content-Disposition';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * LOGNEST_CORS_ORIGINS (docs/decisions/0090). Off by default: no CORS header, so browsers keep
 * other sites' pages from reading any answer. Listed origins get their own origin back with
 * credentials (cookies, and bearer headers from their scripts); `*` lets any origin read,
 * never with credentials. A preflight is answered here, before authentication.
 */
export class CorsPolicy {
  private readonly any: boolean;
  private readonly origins: Set<string>;

  constructor(origins: readonly string[]) {
    this.any = origins.length === 1 && origins[0] === '*';
    this.origins = new Set(this.any ? [] : origins);
  }

  get enabled(): boolean {
    return this.any || this.origins.size > 0;
  }

  /** An origin listed by name: its pages may sign in and send the session cookie. */
  trusts(origin: string | undefined): boolean {
    return origin !== undefined && this.origins.has(origin);
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const origin = req.get('origin');
      if (!origin || !this.enabled) {
        next();
        return;
      }
      res.vary('Origin');
      const trusted = this.trusts(origin);
      if (!trusted && !this.any) {
        next();
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', trusted ? origin : '*');
      if (trusted) res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
        res.status(204).end();
        return;
      }
      next();
    };
  }
}
