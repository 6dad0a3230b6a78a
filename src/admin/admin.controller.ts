import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { AccountsService } from '../auth/accounts/accounts.service';
import { Access, CurrentPrincipal, InstallationAdmin } from '../auth/access.decorators';
import { parseBoolean, parseEmail, parseFullName, parsePassword, parseRole, parseUsername, requiredString } from '../auth/account-input';
import { toApiUser } from '../auth/api-user';
import { Principal, Tenant } from '../auth/auth-types';
import { badParameter } from '../platform/http/bad-request';
import { AdminService, UserWithTenant } from './admin.service';
import { RegistrationPolicy } from './registration-policy';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { ADMIN_DOCS } from './admin.openapi';

type Body = Record<string, unknown>;

const toApiTenant = (t: Tenant) => ({ id: t.id, name: t.name, created_at: new Date(t.createdAt).toISOString() });
const toAdminUser = ({ user, tenantName }: UserWithTenant) => ({
  ...toApiUser(user), disabled: user.disabled, tenant_name: tenantName,
});

function optionalString(body: Body, key: string): string | undefined {
  const value = body?.[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badParameter(key, 'must be a string');
  return value;
}

/**
 * Administration. Tenants and installation-wide settings are for installation admins; the
 * user routes serve tenant admins too, confined by AdminService to their own tenant.
 */
@Controller('api/admin')
@Access('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly accounts: AccountsService,
    private readonly registration: RegistrationPolicy,
  ) {}

  @ApiDoc(ADMIN_DOCS.createTenant)
  @Post('tenants')
  @InstallationAdmin()
  @HttpCode(201)
  async createTenant(@Body() body: Body) {
    const name = requiredString(body, 'name').trim();
    if (!/^[A-Za-z0-9 _.-]{1,64}$/.test(name)) throw badParameter('name', 'must be 1 to 64 letters, digits, spaces, _ . or -');
    const tenant = await this.admin.createTenant(name);
    return { success: true, id: tenant.id, name: tenant.name };
  }

  @ApiDoc(ADMIN_DOCS.tenants)
  @Get('tenants')
  @InstallationAdmin()
  async tenants() {
    return { success: true, tenants: (await this.admin.listTenants()).map(toApiTenant) };
  }

  @ApiDoc(ADMIN_DOCS.users)
  @Get('users')
  async users(@CurrentPrincipal() who: Principal) {
    return { success: true, users: (await this.admin.listUsers(who)).map(toAdminUser) };
  }

  @ApiDoc(ADMIN_DOCS.createUser)
  @Post('users')
  @HttpCode(201)
  async createUser(@CurrentPrincipal() who: Principal, @Body() body: Body) {
    const installationAdmin = parseBoolean(body, 'installation_admin') ?? false;
    const tenantId = this.admin.tenantForNewUser(who, optionalString(body, 'tenant_id'), installationAdmin);
    const user = await this.accounts.createUser({
      username: parseUsername(body),
      password: parsePassword(body),
      role: parseRole(body, true)!,
      tenantId,
      installationAdmin,
      email: parseEmail(body, false),
      fullName: parseFullName(body),
    });
    return { success: true, id: user.id };
  }

  @ApiDoc(ADMIN_DOCS.updateUser)
  @Put('users/:id')
  async updateUser(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Body) {
    const changes = { role: parseRole(body, false), disabled: parseBoolean(body, 'disabled'), installationAdmin: parseBoolean(body, 'installation_admin') };
    if (Object.values(changes).every((v) => v === undefined)) throw badParameter('role', 'send role, disabled and/or installation_admin');
    return { success: true, user: toAdminUser(await this.admin.updateUser(who, id, changes)) };
  }

  @ApiDoc(ADMIN_DOCS.settings)
  @Get('settings')
  @InstallationAdmin()
  async settings() {
    const registration = await this.registration.state();
    return { success: true, open_registration: registration.open, open_registration_source: registration.source };
  }

  @ApiDoc(ADMIN_DOCS.updateSettings)
  @Put('settings')
  @InstallationAdmin()
  async updateSettings(@Body() body: Body) {
    const open = parseBoolean(body, 'open_registration');
    if (open === undefined) throw badParameter('open_registration', 'is required (true or false)');
    await this.registration.setOpen(open);
    return this.settings();
  }
}
