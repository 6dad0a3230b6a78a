import { Controller, Delete, Get, Param } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { ApiRateLimits } from './api-rate-limits.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { RATE_LIMITS_DOCS } from './rate-limits.openapi';

/** Seed 002's rate limit management: a tenant admin's own tenant, everything for installation admins. */
const reach = (who: Principal) => (who.installationAdmin ? null : who.tenantId);

@Controller('api/rate-limits')
@Access('admin')
export class RateLimitsController {
  constructor(private readonly limits: ApiRateLimits) {}

  @ApiDoc(RATE_LIMITS_DOCS.status)
  @Get('status')
  async status(@CurrentPrincipal() who: Principal) {
    const rules = this.limits.rules();
    const active = await this.limits.status(reach(who));
    return {
      success: true,
      enabled: rules !== null,
      limits: Object.fromEntries(
        Object.entries(rules ?? {}).map(([name, rule]) => [name, { limit: rule.limit, window_seconds: rule.windowSeconds, description: this.limits.describe(rule) }]),
      ),
      active: active.map((e) => ({
        id: e.subject,
        tenant_id: e.tenantId,
        class: e.limitClass,
        count: e.count,
        limit: e.limit,
        remaining: Math.max(0, e.limit - e.count),
        reset_at: new Date(e.resetAt).toISOString(),
      })),
    };
  }

  /** `id` is a subject as `status` lists it: `user:<id>`, `token:<id>`, `ip:<address>`. */
  @ApiDoc(RATE_LIMITS_DOCS.reset)
  @Delete('reset/:id')
  async reset(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.limits.reset(reach(who), id);
    return { success: true, reset: id };
  }

  @ApiDoc(RATE_LIMITS_DOCS.resetAll)
  @Delete('reset-all')
  async resetAll(@CurrentPrincipal() who: Principal) {
    return { success: true, reset: await this.limits.resetAll(reach(who)) };
  }
}
