import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal, Role, Tenant, User } from '../auth/auth-types';
import { TenantStore } from '../auth/tenant-store';
import { UserStore } from '../auth/user-store';
import { newId } from '../platform/ids';

export interface UserWithTenant {
  user: User;
  tenantName: string | null;
}

export interface UserChanges {
  role?: Role;
  disabled?: boolean;
  installationAdmin?: boolean;
}

/**
 * Tenants and users. An installation admin reaches every tenant; a tenant admin only the
 * users of their own tenant, and never an installation admin (docs/decisions/0012).
 */
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

  async listUsers(actor: Principal): Promise<UserWithTenant[]> {
    const [users, tenants] = await Promise.all([this.users.list(actor.installationAdmin ? undefined : actor.tenantId), this.tenants.list()]);
    const names = new Map(tenants.map((t) => [t.id, t.name]));
    return users.map((user) => ({ user, tenantName: names.get(user.tenantId) ?? null }));
  }

  /**
   * The tenant a new user of `actor` goes to: the one asked for (any, for an installation
   * admin) or the actor's own. Throws when the actor may not create users there.
   */
  tenantForNewUser(actor: Principal, requested: string | undefined, installationAdmin: boolean): string {
    if (!actor.installationAdmin) {
      if (requested !== undefined && requested !== actor.tenantId) {
        throw forbidden('tenant_id', 'a tenant admin creates users in their own tenant only');
      }
      if (installationAdmin) throw forbidden('installation_admin', 'only an installation admin may make one');
    }
    return requested ?? actor.tenantId;
  }

  /** Changes role, disabled and/or installation admin; an admin may not lock themselves out. */
  async updateUser(actor: Principal, id: string, changes: UserChanges): Promise<UserWithTenant> {
    const user = await this.users.get(id);
    // Another tenant's user is "not found" to a tenant admin: not even its existence leaks.
    if (!user || (!actor.installationAdmin && user.tenantId !== actor.tenantId)) {
      throw new NotFoundException({ success: false, error: 'not_found', message: `No user ${id}` });
    }
    if (!actor.installationAdmin && user.installationAdmin) throw forbidden('id', 'only an installation admin may change an installation admin');
    if (!actor.installationAdmin && changes.installationAdmin !== undefined) throw forbidden('installation_admin', 'only an installation admin may change it');
    if (id === actor.userId && changes.disabled === true) throw selfLockout('disabled', 'you cannot disable your own account');
    if (id === actor.userId && changes.role !== undefined && changes.role !== 'admin') throw selfLockout('role', 'you cannot demote yourself');
    if (id === actor.userId && changes.installationAdmin === false) throw selfLockout('installation_admin', 'you cannot demote yourself');
    await this.users.update(id, changes);
    const [updated, tenant] = await Promise.all([this.users.get(id), this.tenants.get(user.tenantId)]);
    return { user: updated ?? user, tenantName: tenant?.name ?? null };
  }
}

const selfLockout = (field: string, problem: string) =>
  new BadRequestException({ success: false, error: 'self_lockout', field, message: `${field}: ${problem}` });

const forbidden = (field: string, problem: string) =>
  new ForbiddenException({ success: false, error: 'forbidden', field, message: `${field}: ${problem}` });
