import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Response } from 'express';
import { CommitFailedError, WriterSaturatedError } from '../../ingest/pipeline/log-writer';
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
    if (exception instanceof CommitFailedError || isStorageError(exception)) {
      // Nothing of the request was acknowledged; the sender should retry later (issue 14).
      this.logger.error((exception as Error).stack ?? (exception as Error).message);
      response.setHeader('Retry-After', String(STORAGE_RETRY_SECONDS));
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        success: false, error: 'storage_unavailable', message: 'The data directory cannot be written just now; nothing of this request was kept, retry later',
        retry_after: STORAGE_RETRY_SECONDS,
      });
      return;
    }
    const bodyError = requestBodyError(exception);
    if (bodyError) {
      response.status(bodyError.status).json({ success: false, error: bodyError.error, message: bodyError.message });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ success: false, error: 'internal', message: 'Internal server error' });
  }
}

/** What body-parser reports, by its `type`: too large, unsupported encoding, unreadable. */
const BODY_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  'entity.too.large': { status: 413, error: 'body_too_large', message: 'The request body is over the limit (after decompression)' },
  'encoding.unsupported': { status: 415, error: 'unsupported_encoding', message: 'Content-Encoding must be gzip, deflate, br or identity' },
  'charset.unsupported': { status: 415, error: 'unsupported_charset', message: 'The body charset must be UTF-8' },
  'entity.parse.failed': { status: 400, error: 'invalid_body', message: 'The body is not valid JSON' },
  'entity.verify.failed': { status: 400, error: 'invalid_body', message: 'The body could not be read' },
  'request.size.invalid': { status: 400, error: 'invalid_body', message: 'The body is shorter or longer than Content-Length' },
  'request.aborted': { status: 400, error: 'invalid_body', message: 'The request was aborted' },
};

/**
 * Errors of the body parsers (http-errors with `expose`), mapped to their 4xx: the parsers
 * run before any controller, and a gzip bomb or corrupt gzip is the sender's fault.
 */
function requestBodyError(exception: unknown): { status: number; error: string; message: string } | null {
  if (!(exception instanceof Error)) return null;
  const { type, status, expose } = exception as Error & { type?: string; status?: number; expose?: boolean };
  if (type && BODY_ERRORS[type]) return BODY_ERRORS[type];
  if (expose && typeof status === 'number' && status >= 400 && status < 500) {
    // zlib's own errors (corrupt gzip or deflate data) arrive as a 400 without a type.
    return { status, error: 'invalid_body', message: `The body could not be read: ${exception.message}` };
  }
  return null;
}

const STORAGE_RETRY_SECONDS = 30;
/** File-system failures of the data directory: read-only, full, no permission, path taken. */
const STORAGE_ERRNOS = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EIO', 'ENOTDIR', 'EEXIST']);

function isStorageError(exception: unknown): boolean {
  // Not `instanceof Error`: Node's own errors come from another realm under Jest's vm.
  if (typeof exception !== 'object' || exception === null || typeof (exception as Error).message !== 'string') return false;
  const code = (exception as Error & { code?: unknown }).code;
  // An error from a worker thread keeps its message ("EROFS: read-only file system, open …") only.
  const named = typeof code === 'string' ? code : /^([A-Z]{2,}): /.exec((exception as Error).message)?.[1];
  return named !== undefined && STORAGE_ERRNOS.has(named);
}
