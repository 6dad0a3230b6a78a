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

function present(p: LogPattern, from: number | undefined, total?: number) {
  return {
    pattern_id: p.patternId,
    service: p.service,
    template: p.template,
    count: p.count,
    ...(total === undefined ? {} : { share: total === 0 ? 0 : p.count / total }),
    first_seen: new Date(p.firstSeen).toISOString(),
    last_seen: new Date(p.lastSeen).toISOString(),
    sample: p.sample,
    levels: p.levels,
    trend: p.trend,
    // First seen at all inside the asked range, not before it.
    new: from !== undefined && p.firstSeen >= from,
  };
}

function parseLimit(raw: unknown): number {
  const limit = raw === undefined || raw === '' ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badParameter('limit', 'must be an integer from 1 to 1000');
  return limit;
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
    const limit = parseLimit(query.limit);
    const result = await this.patterns.patterns(buildScope(who.tenantId, request), limit);
    return {
      patterns: result.patterns.map((p) => present(p, request.from, result.total)),
      total: result.total,
      unassigned: result.unassigned,
      trend_start: new Date(result.from).toISOString(),
      trend_interval_ms: result.bucketMs,
    };
  }

  @ApiDoc(PATTERNS_DOCS.one)
  @Get(':id')
  async one(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() query: Q) {
    if (!/^[0-9a-f]{12}$/.test(id)) throw badParameter('id', 'is not a pattern id (12 hex digits)');
    const request = parseSearchRequest(query);
    const found = await this.patterns.pattern(buildScope(who.tenantId, request), id);
    if (!found) throw new NotFoundException({ success: false, error: 'not_found', message: `no pattern ${id}` });
    return present(found, request.from);
  }
}
