import { Controller, Delete, Param } from '@nestjs/common';
import { CurrentPrincipal, InstallationAdmin } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { ADMIN_DOCS } from '../admin/admin.openapi';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { TenantDeletion } from './tenant-deletion.service';

@Controller('api/admin/tenants')
@InstallationAdmin()
export class TenantsController {
  constructor(private readonly deletion: TenantDeletion) {}

  @ApiDoc(ADMIN_DOCS.deleteTenant)
  @Delete(':id')
  async deleteTenant(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return { success: true, id, deleted: await this.deletion.delete(who, id) };
  }
}
