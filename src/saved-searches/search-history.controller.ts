import { Controller, Delete, Get, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { limitParam } from './saved-search-input';
import { SearchHistoryService } from './search-history.service';
import { ownerOf } from './search-owner';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { SEARCH_HISTORY_DOCS } from './saved-searches.openapi';

@Controller('api/search')
export class SearchHistoryController {
  constructor(private readonly history: SearchHistoryService) {}

  @ApiDoc(SEARCH_HISTORY_DOCS.list)
  @Get('history')
  @Access('read')
  async list(@CurrentPrincipal() who: Principal, @Query('limit') limit?: string) {
    const entries = await this.history.list(ownerOf(who), limitParam(limit, 20, 1000));
    return {
      success: true,
      history: entries.map((e) => ({
        id: e.id, query: e.query, filters: e.filters, total: e.total,
        duration_ms: Math.round(e.durationMs * 100) / 100, searched_at: new Date(e.searchedAt).toISOString(),
      })),
      count: entries.length,
    };
  }

  @ApiDoc(SEARCH_HISTORY_DOCS.popular)
  @Get('popular')
  @Access('read')
  async popular(@CurrentPrincipal() who: Principal, @Query('limit') limit?: string) {
    const queries = await this.history.popular(who.tenantId, limitParam(limit, 10, 100));
    return {
      success: true,
      queries: queries.map((q) => ({ query: q.query, count: q.count, last_searched: new Date(q.lastSearched).toISOString() })),
      count: queries.length,
    };
  }

  /** Clearing is a change, so viewers (who may change nothing) cannot; members and admins can. */
  @ApiDoc(SEARCH_HISTORY_DOCS.clear)
  @Delete('history')
  @Access('write')
  async clear(@CurrentPrincipal() who: Principal) {
    const deleted = await this.history.clear(ownerOf(who));
    return { success: true, message: 'Search history cleared', deleted };
  }
}
