import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { SavedSearch } from './saved-search';
import { limitParam, parseNewSavedSearch, parseSavedSearchChanges } from './saved-search-input';
import { SavedSearchesService } from './saved-searches.service';
import { ownerOf } from './search-owner';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { SAVED_SEARCHES_DOCS } from './saved-searches.openapi';

type Body = Record<string, unknown> | undefined;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `_id` as well as `id`: pages written against the MongoDB-era API read `_id`. */
const toResponse = (s: SavedSearch) => ({
  _id: s.id, id: s.id, name: s.name, description: s.description, filters: s.filters,
  created_at: iso(s.createdAt), last_used: iso(s.lastUsed), use_count: s.useCount,
});

@Controller('api/search')
export class SavedSearchesController {
  constructor(private readonly saved: SavedSearchesService) {}

  @ApiDoc(SAVED_SEARCHES_DOCS.save)
  @Post('save')
  @Access('write')
  async save(@CurrentPrincipal() who: Principal, @Body() body: Body) {
    const search = await this.saved.create(ownerOf(who), parseNewSavedSearch(body ?? {}));
    return { success: true, message: 'Search saved successfully', search_id: search.id, name: search.name };
  }

  @ApiDoc(SAVED_SEARCHES_DOCS.list)
  @Get('saved')
  @Access('read')
  async list(@CurrentPrincipal() who: Principal, @Query('limit') limit?: string) {
    const searches = await this.saved.list(ownerOf(who), limitParam(limit, 50, 500));
    return { success: true, searches: searches.map(toResponse), count: searches.length };
  }

  @ApiDoc(SAVED_SEARCHES_DOCS.update)
  @Put('saved/:id')
  @Access('write')
  async update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Body) {
    const search = await this.saved.update(ownerOf(who), id, parseSavedSearchChanges(body ?? {}));
    return { success: true, message: 'Search updated successfully', search: toResponse(search) };
  }

  @ApiDoc(SAVED_SEARCHES_DOCS.use)
  @Post('saved/:id/use')
  @Access('write')
  @HttpCode(200)
  async use(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return { success: true, search: toResponse(await this.saved.use(ownerOf(who), id)) };
  }

  @ApiDoc(SAVED_SEARCHES_DOCS.delete)
  @Delete('saved/:id')
  @Access('write')
  async delete(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.saved.delete(ownerOf(who), id);
    return { success: true, message: 'Search deleted successfully' };
  }
}
