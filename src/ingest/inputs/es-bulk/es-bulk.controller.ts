import { Controller, Delete, Get, Head, HttpCode, HttpException, Param, Post, Put, Req } from '@nestjs/common';
import { ApiDoc } from '../../../openapi/api-doc.decorator';
import { ES_DOCS } from './es-bulk.openapi';
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

const DOCUMENT_PATHS = [':index/_doc/:id', ':index/_create/:id'];
const SETUP_PATHS = ['_index_template/:name', '_template/:name', '_component_template/:name', '_ilm/policy/:name', '_data_stream/:name', '_ingest/pipeline/:name', '_alias/:name'];

function notAppendOnly(request: Request): never {
  throw new HttpException(esError('illegal_argument_exception', `${request.method} of a document is not supported: Lognest keeps logs append-only`), 405);
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

  @ApiDoc(ES_DOCS.info)
  @Get()
  info() {
    return nodeInfo();
  }

  @ApiDoc(ES_DOCS.license)
  @Get('_license')
  license() {
    return licenseInfo();
  }

  @ApiDoc(ES_DOCS.health)
  @Get('_cluster/health')
  health() {
    return clusterHealth();
  }

  @ApiDoc(ES_DOCS.bulk)
  @Post('_bulk')
  @HttpCode(200)
  bulk(@CurrentPrincipal() who: Principal, @Req() request: Request) {
    return this.runBulk(who, request, null);
  }

  @ApiDoc(ES_DOCS.bulk)
  @Put('_bulk')
  @HttpCode(200)
  bulkPut(@CurrentPrincipal() who: Principal, @Req() request: Request) {
    return this.runBulk(who, request, null);
  }

  @ApiDoc(ES_DOCS.bulk)
  @Post(':index/_bulk')
  @HttpCode(200)
  indexBulk(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Req() request: Request) {
    return this.runBulk(who, request, index);
  }

  @ApiDoc(ES_DOCS.bulk)
  @Put(':index/_bulk')
  @HttpCode(200)
  indexBulkPut(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Req() request: Request) {
    return this.runBulk(who, request, index);
  }

  @ApiDoc(ES_DOCS.doc)
  @Post(':index/_doc')
  @HttpCode(201)
  doc(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Req() request: Request) {
    return this.runDocument(who, index, null, request);
  }

  @ApiDoc(ES_DOCS.doc)
  @Post(DOCUMENT_PATHS)
  @HttpCode(201)
  docWithId(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Param('id') id: string, @Req() request: Request) {
    return this.runDocument(who, index, id, request);
  }

  @ApiDoc(ES_DOCS.doc)
  @Put(DOCUMENT_PATHS)
  @HttpCode(201)
  docWithIdPut(@CurrentPrincipal() who: Principal, @Param('index') index: string, @Param('id') id: string, @Req() request: Request) {
    return this.runDocument(who, index, id, request);
  }

  @ApiDoc(ES_DOCS.documentRead)
  @Get(DOCUMENT_PATHS)
  readDocument(@Req() request: Request) {
    return notAppendOnly(request);
  }

  @ApiDoc(ES_DOCS.documentRead)
  @Delete(DOCUMENT_PATHS)
  deleteDocument(@Req() request: Request) {
    return notAppendOnly(request);
  }

  /** Shippers install templates, ILM policies and data streams before writing: accept them. */
  @ApiDoc(ES_DOCS.setupRead)
  @Get(SETUP_PATHS)
  setupGet() {
    return {};
  }

  @ApiDoc(ES_DOCS.setupRead)
  @Head(SETUP_PATHS)
  setupHead() {
    return {};
  }

  @ApiDoc(ES_DOCS.setupWrite)
  @Put(SETUP_PATHS)
  setupPut() {
    return { acknowledged: true };
  }

  @ApiDoc(ES_DOCS.setupWrite)
  @Post(SETUP_PATHS)
  @HttpCode(200)
  setupPost() {
    return { acknowledged: true };
  }

  @ApiDoc(ES_DOCS.setupWrite)
  @Delete(SETUP_PATHS)
  setupDelete() {
    return { acknowledged: true };
  }

  @ApiDoc(ES_DOCS.createIndex)
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
