import { Controller, HttpCode, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { Request } from 'express';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { InputFormat } from '../files/file-types';
import { badParameter } from '../platform/http/bad-request';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { IngestService } from './ingest.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { INGEST_DOCS } from './ingest.openapi';

const FORMAT_BY_TYPE: Record<string, InputFormat> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'json',
  'text/csv': 'csv',
  'text/plain': 'text',
};

function bodyOf(request: Request): Buffer {
  const body = request.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0) throw badParameter('body', 'is empty');
  return body;
}

function formatOf(request: Request): InputFormat {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const format = FORMAT_BY_TYPE[type];
  if (!format) {
    throw new UnsupportedMediaTypeException({
      success: false,
      error: 'unsupported_media_type',
      message: `Content-Type ${type || '(none)'} is not accepted; use ${Object.keys(FORMAT_BY_TYPE).join(', ')}`,
    });
  }
  return format;
}

/** HTTP ingest. The answer comes after the accepted records are durable. */
@Controller('api/logs')
@Access('ingest')
@RateLimit('ingest')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @ApiDoc(INGEST_DOCS.one)
  @Post()
  @HttpCode(201)
  async one(@CurrentPrincipal() who: Principal, @Req() request: Request) {
    const format = formatOf(request);
    const body = bodyOf(request);
    if (format !== 'json') throw badParameter('body', 'POST /api/logs takes one JSON object (application/json)');
    const trimmed = body.toString('utf8').trimStart();
    if (!trimmed.startsWith('{')) throw badParameter('body', 'must be one JSON object; send arrays to /api/logs/bulk');
    const result = await this.ingest.ingestBody(who.tenantId, body, 'json', true);
    if (result.accepted === 0) {
      throw badParameter('body', result.errors[0]?.reason ?? 'the record was rejected');
    }
    return { success: true, accepted: result.accepted, rejected: result.rejected, ids: result.ids };
  }

  @ApiDoc(INGEST_DOCS.bulk)
  @Post('bulk')
  @HttpCode(200)
  async bulk(@CurrentPrincipal() who: Principal, @Req() request: Request) {
    const format = formatOf(request);
    const result = await this.ingest.ingestBody(who.tenantId, bodyOf(request), format);
    return { success: true, accepted: result.accepted, rejected: result.rejected, errors: result.errors };
  }
}
