import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { Counter } from 'prom-client';
import { Observable } from 'rxjs';
import { Principal } from '../auth/auth-types';
import { clientIp } from '../auth/login/client-ip';
import { RateLimitClass } from '../config/rate-limit-config';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { ApiRateLimits, RateSubject } from './api-rate-limits.service';
import { RATE_LIMIT_CLASS_KEY } from './rate-limit.decorator';

/** A login token is its user; an API token counts on its own; anonymous calls per address. */
export function subjectOf(request: Request & { principal?: Principal }): RateSubject {
  const who = request.principal;
  if (!who) return { tenantId: null, id: `ip:${clientIp(request)}` };
  if (who.tokenId && who.tokenScope !== 'login') return { tenantId: who.tenantId, id: `token:${who.tokenId}` };
  return { tenantId: who.tenantId, id: `user:${who.userId}` };
}

/**
 * Counts each API call against its class (after the access guard, so the caller is known)
 * and sets X-RateLimit-Limit / -Remaining / -Reset (epoch seconds); past the limit, 429 with
 * Retry-After and seed 002's `{error: "Rate limit exceeded: 50 per 1 minute"}`.
 */
@Injectable()
export class ApiRateLimitInterceptor implements NestInterceptor {
  private readonly exceeded: Counter<'endpoint'>;

  constructor(
    private readonly reflector: Reflector,
    private readonly limits: ApiRateLimits,
    metrics: MetricsRegistry,
  ) {
    this.exceeded = metrics.counter('rate_limit_exceeded_total', 'Calls refused by an API rate limit', ['endpoint']);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http' || !this.limits.enabled) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const decorated = this.reflector.getAllAndOverride<RateLimitClass>(RATE_LIMIT_CLASS_KEY, [context.getHandler(), context.getClass()]);
    if (!decorated && !request.path.startsWith('/api/')) return next.handle();
    const verdict = await this.limits.hit(decorated ?? 'default', subjectOf(request));
    if (!verdict) return next.handle();
    response.setHeader('X-RateLimit-Limit', String(verdict.rule.limit));
    response.setHeader('X-RateLimit-Remaining', String(verdict.remaining));
    response.setHeader('X-RateLimit-Reset', String(Math.ceil(verdict.resetAt / 1000)));
    if (!verdict.allowed) {
      this.exceeded.inc({ endpoint: `${request.baseUrl}${request.route?.path ?? request.path}` });
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil((verdict.resetAt - Date.now()) / 1000))));
      const error = `Rate limit exceeded: ${this.limits.describe(verdict.rule)}`;
      throw new HttpException({ error, message: error }, HttpStatus.TOO_MANY_REQUESTS);
    }
    return next.handle();
  }
}
