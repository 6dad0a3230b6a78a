import { All, Controller, Get, HttpCode, HttpException, Param, Post, Put, Req } from '@nestjs/common';
import { Request } from 'express';
import { Access, CurrentPrincipal } from '../../../auth/access.decorators';
import { Principal } from '../../../auth/auth-types';
import { BulkSyntaxError } from './es-bulk-request';
import { EsBulkService } from './es-bulk.service';
import { clusterHealth, esError, licenseInfo, nodeInfo } from './es-responses';

function bodyText(request: Request): string {
  const body = request.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpException(esError('parse_exception', 'request body is required'), 400);
  return body.toString('utf8');
}

/**
 * The Elasticsearch APIs log shippers call (Filebeat, Logstash, Fluent Bit, Vector, the
 * official clients), under /es: bulk and document writes ingest; the calls they make first
 * (version, license, health, templates, ILM, data streams) are answered as Elasticsearch 8
 * would, so they proceed. Nothing here reads: search stays Lognest's own API.
 */
@Controller('es')
@Access('ingest')
export class EsBulkController {
  constructor(private readonly es: EsBulkService) {}

  @Get()
  info() {
    return nodeInfo();
  }

  @Get('_license')
  license() {
    return licenseInfo();
  }

  @Get('_cluster/health')
  health() {
    return clusterHealth();
  }

  @Post('_bulk')
  @HttpCode(200)
  bulk(@CurrentPrincipal() who: Principal, @Req() request: Request) {
    return this.runBulk(who, request, null);
  }

  @Put('_bulk')
  @HttpCode(200)
  bulkPut(@CurrentPrincipal() who: Principal, @Req() request: Request) {
    return this.runBulk(who, request, null);
  }

  @Post(':index/_bulk')
  @HttpCode(200)
  indexBulk(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Req() request: Request) {
    return this.runBulk(who, request, index);
  }

  @Put(':index/_bulk')
  @HttpCode(200)
  indexBulkPut(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Req() request: Request) {
    return this.runBulk(who, request, index);
  }

  @Post(':index/_doc')
  @HttpCode(201)
  doc(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Req() request: Request) {
    return this.runDocument(who, index, null, request);
  }

  @All([':index/_doc/:id', ':index/_create/:id'])
  @HttpCode(201)
  docWithId(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Param('id') id: string, @Req() request: Request) {
    if (request.method !== 'POST' && request.method !== 'PUT') {
      throw new HttpException(esError('illegal_argument_exception', `${request.method} of a document is not supported: Lognest keeps logs append-only`), 405);
    }
    return this.runDocument(who, index, id, request);
  }

  /** Shippers install templates, ILM policies and data streams before writing: accept them. */
  @All(['_index_template/:name', '_template/:name', '_component_template/:name', '_ilm/policy/:name', '_data_stream/:name', '_ingest/pipeline/:name', '_alias/:name'])
  setup(@Req() request: Request) {
    return request.method === 'GET' || request.method === 'HEAD' ? {} : { acknowledged: true };
  }

  @Put(':index')
  createIndex(@Param('index') index: string) {
    return { acknowledged: true, shards_acknowledged: true, index };
  }

  private async runBulk(who: Principal, request: Request, index: string | null) {
    try {
      return await this.es.bulk(who.tenantId, bodyText(request), index);
    } catch (err) {
      if (err instanceof BulkSyntaxError) throw new HttpException(esError('illegal_argument_exception', err.message), 400);
      throw err;
    }
  }

  private async runDocument(who: Principal, index: string, id: string | null, request: Request) {
    const result = await this.es.document(who.tenantId, index, id, bodyText(request));
    if (result.error) throw new HttpException(esError(result.error.type, result.error.reason), result.status);
    return result;
  }
}
