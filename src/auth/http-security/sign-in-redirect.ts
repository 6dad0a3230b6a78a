import { ArgumentsHost, Catch, ExceptionFilter, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** A page (not the JSON API) needs a signed-in user and there is none. */
export class SignInRequiredException extends UnauthorizedException {}

/**
 * Whether a path is a page rather than a machine-facing API (Lognest's own, the metrics
 * scrape, and the shippers' protocols under /es and /v1), which keeps answering 401.
 */
export const isPageRequest = (path: string) => !/^\/(api|metrics|es|v1)(\/|$)/.test(path);

/** Sends a browser that opened a page without signing in to `/login?next=<the page>`. */
@Catch(SignInRequiredException)
export class SignInRedirectFilter implements ExceptionFilter {
  catch(_: SignInRequiredException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    response.redirect(302, `/login?next=${encodeURIComponent(request.originalUrl)}`);
  }
}
