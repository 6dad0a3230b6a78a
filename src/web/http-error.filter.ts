import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { Request } from 'express';
import { ApiExceptionFilter } from '../platform/http/api-exception.filter';
import { PageExceptionFilter } from './page-exception.filter';

/** A browser asking for a page (no /api path, HTML accepted) that no route answers. */
function wantsPage(request: Request): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (request.path.startsWith('/api/') || request.path === '/api') return false;
  return request.accepts(['json', 'html']) === 'html';
}

/**
 * The global filter: errors outside any controller (an unknown path) render the error page for
 * a browser and JSON for everyone else, as the pages' and the API's own filters do.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly api = new ApiExceptionFilter();
  private readonly page = new PageExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (wantsPage(request)) this.page.catch(exception, host);
    else this.api.catch(exception, host);
  }
}
