import { ConsoleLogger } from '@nestjs/common';
import { currentRequestContext } from './request-context';

/**
 * Nest's console logger, with the request and correlation id of the request a line was
 * written for, so every log line of one request can be found by either id.
 */
export class RequestContextLogger extends ConsoleLogger {
  protected override formatContext(context: string): string {
    const base = super.formatContext(context);
    const ids = currentRequestContext();
    return ids ? `${base}[request_id=${ids.requestId} correlation_id=${ids.correlationId}] ` : base;
  }
}
