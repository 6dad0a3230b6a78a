import { Controller, Delete, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { TenantCache } from '../platform/cache/tenant-cache';
import { badParameter } from '../platform/http/bad-request';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { CACHE_ADMIN_DOCS } from './observability.openapi';

/** `metrics:*`, `logs:search*`: a name prefix with an optional trailing `*`. */
const PATTERN = /^[a-z0-9_:.-]{0,100}\*?$/i;

/** Seed 002's cache clear, confined to the admin's tenant. */
@Controller('api/cache')
@Access('admin')
export class CacheAdminController {
  constructor(private readonly cache: TenantCache) {}

  @ApiDoc(CACHE_ADMIN_DOCS.clear)
  @Delete('clear')
  async clear(@CurrentPrincipal() who: Principal, @Query('pattern') pattern?: string) {
    const text = (pattern ?? '').trim();
    if (!PATTERN.test(text)) throw badParameter('pattern', 'must be a cache name prefix with an optional trailing * (e.g. metrics:*)');
    const cleared = await this.cache.clear(who.tenantId, text.replace(/\*$/, ''));
    return { success: true, pattern: text || '*', cleared };
  }
}
