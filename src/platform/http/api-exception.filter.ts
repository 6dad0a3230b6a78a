import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { WriterSaturatedError } from '../../ingest/pipeline/log-writer';
import { InvalidQueryError } from '../../logs/query/invalid-query-error';
import { QuerySyntaxError } from '../../logs/query/query-syntax-error';

/**
 * Every error leaves as JSON: `{success: false, error, message, ...}` with what was wrong and
 * where (a parameter name, a query position). Unexpected errors are logged, not leaked.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (exception instanceof QuerySyntaxError) {
      response.status(HttpStatus.BAD_REQUEST).json({
        success: false, error: 'query_syntax', message: exception.message, position: exception.position, expected: exception.expected,
      });
      return;
    }
    if (exception instanceof InvalidQueryError) {
      response.status(HttpStatus.BAD_REQUEST).json({ success: false, error: 'invalid_query', message: exception.message });
      return;
    }
    if (exception instanceof WriterSaturatedError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ success: false, error: 'saturated', message: exception.message, retry_after: exception.retryAfterSeconds });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload = typeof body === 'string' ? { message: body } : (body as Record<string, unknown>);
      const message = Array.isArray(payload.message) ? payload.message.join('; ') : payload.message;
      response.status(status).json({ success: false, error: payload.error ?? HttpStatus[status]?.toLowerCase() ?? 'error', ...payload, message });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ success: false, error: 'internal', message: 'Internal server error' });
  }
}
