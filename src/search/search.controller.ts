import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { toApiRecord } from '../logs/stored-record';
import { integerParam } from '../platform/http/bad-request';
import { parseAroundParam, parseSearchRequest } from './search-request';
import { SearchPage, SearchService } from './search.service';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { SEARCH_DOCS } from './search.openapi';

function toResponse(page: SearchPage) {
  const totalPages = Math.ceil(page.total / page.perPage);
  return {
    success: true,
    total: page.total,
    page: page.page,
    per_page: page.perPage,
    total_pages: totalPages,
    has_next: page.page < totalPages,
    has_prev: page.page > 1,
    results: page.records.map(toApiRecord),
    execution_time_ms: Math.round(page.executionTimeMs * 100) / 100,
  };
}


@Controller('api')
@Access('read')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @ApiDoc(SEARCH_DOCS.post)
  @Post('search')
  @RateLimit('search')
  @HttpCode(200)
  async post(@CurrentPrincipal() who: Principal, @Body() body: Record<string, unknown>) {
    return toResponse(await this.search.searchAndRemember(who, body ?? {}));
  }

  @ApiDoc(SEARCH_DOCS.get)
  @Get('logs/search')
  @RateLimit('search')
  async get(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>) {
    return toResponse(await this.search.search(who.tenantId, parseSearchRequest(query)));
  }

  /** Seed 002's recent logs: the newest `limit` records (default 50), with the search filters. */
  @ApiDoc(SEARCH_DOCS.recent)
  @Get('logs/recent')
  @RateLimit('recent')
  async recent(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>) {
    const page = await this.search.search(who.tenantId, { ...parseSearchRequest(query), page: 1, sort: 'desc', sortField: '@timestamp' });
    return { success: true, count: page.records.length, results: page.records.map(toApiRecord) };
  }

  @ApiDoc(SEARCH_DOCS.one)
  @Get('logs/:id')
  @RateLimit('lookup')
  async one(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const record = await this.search.get(who.tenantId, id);
    if (!record) throw new NotFoundException({ success: false, error: 'not_found', message: `No log record ${id}` });
    return { success: true, result: toApiRecord(record) };
  }

  @ApiDoc(SEARCH_DOCS.context)
  @Get('logs/:id/context')
  @RateLimit('lookup')
  async context(
    @CurrentPrincipal() who: Principal,
    @Param('id') id: string,
    @Query('before') before?: string,
    @Query('after') after?: string,
    @Query('same') same?: string,
  ) {
    const found = await this.search.around(who.tenantId, id, integerParam(before, 'before', 20, 0, 500), integerParam(after, 'after', 20, 0, 500), parseAroundParam(same));
    if (!found) throw new NotFoundException({ success: false, error: 'not_found', message: `No log record ${id}` });
    return {
      success: true,
      record: toApiRecord(found.record),
      before: found.before.map(toApiRecord),
      after: found.after.map(toApiRecord),
    };
  }
}
