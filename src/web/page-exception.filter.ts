import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';

/**
 * Errors on pages answer as pages: a visitor who is not signed in is sent to /login with the
 * page to come back to; other errors render the error page instead of the API's JSON.
 */
@Catch()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status === HttpStatus.UNAUTHORIZED) {
      response.redirect(303, `/login?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (!(exception instanceof HttpException)) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    const message =
      status === HttpStatus.FORBIDDEN ? 'You do not have access to this page.'
      : status === HttpStatus.NOT_FOUND ? 'There is nothing here.'
      : status < 500 && exception instanceof HttpException ? exception.message
      : 'Something went wrong on our side.';
    response.status(status).render('error', { title: `${status}`, layout: 'bare', status, message });
  }
}
