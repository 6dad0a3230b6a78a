import { Controller, Get, Req } from '@nestjs/common';
import { Request } from 'express';
import { Access } from '../../auth/access.decorators';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { TRACE_DOCS } from '../observability.openapi';

/** Seed 002's trace context: the ids this request got, to check what a client sends. */
@Controller('api/trace')
@Access('read')
export class TraceController {
  @ApiDoc(TRACE_DOCS.context)
  @Get('context')
  context(@Req() request: Request) {
    const c = request.context!;
    return {
      request_id: c.requestId,
      correlation_id: c.correlationId,
      trace_id: c.traceId,
      parent_span_id: c.parentSpanId,
      timestamp: new Date().toISOString(),
    };
  }
}
