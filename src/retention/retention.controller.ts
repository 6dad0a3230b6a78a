import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { InstallationAdmin } from '../auth/access.decorators';
import { badParameter } from '../platform/http/bad-request';
import { RetentionService, TenantRetention } from './retention.service';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { RETENTION_DOCS } from '../admin/admin.openapi';

const MAX_DAYS = 36_500;

const toApi = (r: TenantRetention) => ({
  id: r.tenant.id,
  name: r.tenant.name,
  retention_days: r.retentionDays,
  records: r.usage.records,
  oldest_record: r.usage.oldest === null ? null : new Date(r.usage.oldest).toISOString(),
  size_bytes: r.usage.bytes,
});

/** Retention per tenant: an installation setting, since it deletes data of any tenant. */
@Controller('api/admin')
@InstallationAdmin()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @ApiDoc(RETENTION_DOCS.setRetention)
  @Put('tenants/:id')
  async setRetention(@Param('id') id: string, @Body() body: Record<string, unknown>) {
    const days = body?.retention_days;
    if (days !== null && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= MAX_DAYS)) {
      throw badParameter('retention_days', `must be a whole number of days from 1 to ${MAX_DAYS}, or null to keep everything`);
    }
    await this.retention.setRetentionDays(id, days as number | null);
    return { success: true, id, retention_days: days };
  }

  @ApiDoc(RETENTION_DOCS.overview)
  @Get('retention')
  async overview() {
    return { success: true, tenants: (await this.retention.overview()).map(toApi) };
  }

  @ApiDoc(RETENTION_DOCS.run)
  @Post('retention/run')
  @HttpCode(200)
  async run() {
    return { success: true, deleted: await this.retention.run() };
  }
}
