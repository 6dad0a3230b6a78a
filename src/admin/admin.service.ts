import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal, Role, Tenant, User } from '../auth/auth-types';
import { TenantStore } from '../auth/tenant-store';
import { UserStore } from '../auth/user-store';
import { newId } from '../platform/ids';

export interface UserWithTenant {
  user: User;
  tenantName: string | null;
}

/** Tenants and users across the whole installation, for admins. */
@Injectable()
export class AdminService {
  constructor(
    private readonly tenants: TenantStore,
    private readonly users: UserStore,
  ) {}

  async createTenant(name: string): Promise<Tenant> {
    if (await this.tenants.findByName(name)) {
      throw new ConflictException({ success: false, error: 'tenant_exists', field: 'name', message: `name: a tenant named ${name} exists` });
    }
    const tenant: Tenant = { id: newId(), name, createdAt: Date.now() };
    await this.tenants.create(tenant);
    return tenant;
  }

  listTenants(): Promise<Tenant[]> {
    return this.tenants.list();
  }

  async listUsers(): Promise<UserWithTenant[]> {
    const [users, tenants] = await Promise.all([this.users.list(), this.tenants.list()]);
    const names = new Map(tenants.map((t) => [t.id, t.name]));
    return users.map((user) => ({ user, tenantName: names.get(user.tenantId) ?? null }));
  }

  /** Changes role and/or disabled; an admin may not lock themselves out. */
  async updateUser(actor: Principal, id: string, changes: { role?: Role; disabled?: boolean }): Promise<UserWithTenant> {
    const user = await this.users.get(id);
    if (!user) throw new NotFoundException({ success: false, error: 'not_found', message: `No user ${id}` });
    if (id === actor.userId && changes.disabled === true) throw selfLockout('disabled', 'you cannot disable your own account');
    if (id === actor.userId && changes.role !== undefined && changes.role !== 'admin') throw selfLockout('role', 'you cannot demote yourself');
    await this.users.update(id, changes);
    const [updated, tenant] = await Promise.all([this.users.get(id), this.tenants.get(user.tenantId)]);
    return { user: updated ?? user, tenantName: tenant?.name ?? null };
  }
}

const selfLockout = (field: string, problem: string) =>
  new BadRequestException({ success: false, error: 'self_lockout', field, message: `${field}: ${problem}` });
