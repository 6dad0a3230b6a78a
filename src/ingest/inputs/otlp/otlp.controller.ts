import { Controller, Post, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { Access, CurrentPrincipal } from '../../../auth/access.decorators';
import { Principal } from '../../../auth/auth-types';
import { OtlpFormatError } from './otlp-logs';
import { OtlpEncoding, OtlpService } from './otlp.service';
import { ApiDoc } from '../../../openapi/api-doc.decorator';
import { OTLP_DOCS } from '../../ingest.openapi';

// google.rpc.Code INVALID_ARGUMENT, as OTLP/HTTP's 400 body carries it.
const INVALID_ARGUMENT = 3;

function encodingOf(request: Request): OtlpEncoding | null {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return null;
}

/** OTLP/HTTP logs: what the OpenTelemetry SDK exporters and the collector's otlphttp send. */
@Controller('v1/logs')
@Access('ingest')
export class OtlpController {
  constructor(private readonly otlp: OtlpService) {}

  @ApiDoc(OTLP_DOCS.export)
  @Post()
  async export(@CurrentPrincipal() who: Principal, @Req() request: Request, @Res() response: Response): Promise<void> {
    const encoding = encodingOf(request);
    if (encoding === null) {
      response.status(415).json({ code: INVALID_ARGUMENT, message: 'Content-Type must be application/x-protobuf or application/json' });
      return;
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const result = await this.otlp.export(who.tenantId, body, encoding);
      send(response, 200, this.otlp.encodeResponse(result, encoding));
    } catch (err) {
      if (!(err instanceof OtlpFormatError)) throw err;
      send(response, 400, this.otlp.encodeStatus(INVALID_ARGUMENT, err.message, encoding));
    }
  }
}

/** Protobuf bodies go out as bytes, OTLP/JSON as JSON: the answer is in the request's encoding. */
function send(response: Response, status: number, body: Buffer | object): void {
  if (Buffer.isBuffer(body)) response.status(status).type('application/x-protobuf').end(body);
  else response.status(status).json(body);
}
