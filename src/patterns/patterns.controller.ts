import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { badParameter } from '../platform/http/bad-request';
import { buildScope } from '../search/scope-builder';
import { parseSearchRequest } from '../search/search-request';
import { LogPattern, PatternsService } from './patterns.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { PATTERNS_DOCS } from './patterns.openapi';

type Q = Record<string, unknown>;

function present(p: LogPattern, from: number | undefined) {
  return {
    pattern_id: p.patternId,
    service: p.service,
    template: p.template,
    count: p.count,
    first_seen: new Date(p.firstSeen).toISOString(),
    last_seen: new Date(p.lastSeen).toISOString(),
    sample: p.sample,
    levels: p.levels,
    // Within the mined records: first seen inside the asked range, not before it.
    new: from !== undefined && p.firstSeen >= from,
  };
}

/** Log patterns of the records a search matches (`q`, `service`, `date_from`, `date_to`, `limit`). */
@Controller('api/patterns')
@Access('read')
export class PatternsController {
  constructor(private readonly patterns: PatternsService) {}

  @ApiDoc(PATTERNS_DOCS.list)
  @Get()
  async list(@CurrentPrincipal() who: Principal, @Query() query: Q) {
    const request = parseSearchRequest(query);
    const raw = query.limit;
    const limit = raw === undefined || raw === '' ? 50 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badParameter('limit', 'must be an integer from 1 to 1000');
    const result = await this.patterns.patterns(buildScope(who.tenantId, request));
    return { patterns: result.patterns.slice(0, limit).map((p) => present(p, request.from)), total: result.patterns.length, mined: result.mined, truncated: result.truncated };
  }

  @ApiDoc(PATTERNS_DOCS.one)
  @Get(':id')
  async one(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() query: Q) {
    if (!/^[0-9a-f]{12}$/.test(id)) throw badParameter('id', 'is not a pattern id (12 hex digits)');
    const request = parseSearchRequest(query);
    const result = await this.patterns.patterns(buildScope(who.tenantId, request));
    const found = result.patterns.find((p) => p.patternId === id);
    if (!found) throw new NotFoundException({ success: false, error: 'not_found', message: `no pattern ${id} in the records of this range` });
    return present(found, request.from);
  }
}
