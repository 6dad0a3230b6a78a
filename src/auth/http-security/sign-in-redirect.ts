import { ArgumentsHost, Catch, ExceptionFilter, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** A page (not the JSON API) needs a signed-in user and there is none. */
export class SignInRequiredException extends UnauthorizedException {}

/** Whether a path is a page rather than the JSON API or the metrics scrape, which answer 401. */
export const isPageRequest = (path: string) => !/^\/(api|metrics)(\/|$)/.test(path);

/** Sends a browser that opened a page without signing in to `/login?next=<the page>`. */
@Catch(SignInRequiredException)
export class SignInRedirectFilter implements ExceptionFilter {
  catch(_: SignInRequiredException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    response.redirect(302, `/login?next=${encodeURIComponent(request.originalUrl)}`);
  }
}
