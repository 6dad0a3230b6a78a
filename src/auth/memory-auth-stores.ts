import { Role, Tenant, Token, TokenScope, User } from './auth-types';
import { TenantStore } from './tenant-store';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

/** In-memory fakes of the account ports, for unit tests. */
export class MemoryTenantStore extends TenantStore {
  private readonly tenants = new Map<string, Tenant>();

  async create(tenant: Tenant): Promise<void> {
    if (this.tenants.has(tenant.id) || (await this.findByName(tenant.name))) throw new Error(`tenant ${tenant.name} exists`);
    this.tenants.set(tenant.id, { ...tenant });
  }
  async get(id: string): Promise<Tenant | null> {
    const t = this.tenants.get(id);
    return t ? { ...t } : null;
  }
  async findByName(name: string): Promise<Tenant | null> {
    const t = [...this.tenants.values()].find((x) => x.name === name);
    return t ? { ...t } : null;
  }
  async list(): Promise<Tenant[]> {
    return [...this.tenants.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ ...t }));
  }
}

export class MemoryUserStore extends UserStore {
  private readonly users = new Map<string, User>();

  async create(user: User): Promise<void> {
    if (this.users.has(user.id) || (await this.findByUsername(user.username))) throw new Error(`user ${user.username} exists`);
    this.users.set(user.id, { ...user });
  }
  async get(id: string): Promise<User | null> {
    const u = this.users.get(id);
    return u ? { ...u } : null;
  }
  async findByUsername(username: string): Promise<User | null> {
    const u = [...this.users.values()].find((x) => x.username.toLowerCase() === username.toLowerCase());
    return u ? { ...u } : null;
  }
  async count(role?: Role): Promise<number> {
    return [...this.users.values()].filter((u) => !role || u.role === role).length;
  }
  async list(tenantId?: string): Promise<User[]> {
    return [...this.users.values()]
      .filter((u) => !tenantId || u.tenantId === tenantId)
      .sort((a, b) => a.username.localeCompare(b.username))
      .map((u) => ({ ...u }));
  }
  async update(id: string, changes: Parameters<UserStore['update']>[1]): Promise<void> {
    const u = this.users.get(id);
    if (!u) return;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    this.users.set(id, { ...u, ...defined });
  }
}

export class MemoryTokenStore extends TokenStore {
  private readonly tokens = new Map<string, Token>();

  async create(token: Token): Promise<void> {
    if ([...this.tokens.values()].some((t) => t.tokenHash === token.tokenHash)) throw new Error('token hash exists');
    this.tokens.set(token.id, { ...token });
  }
  async findByHash(tokenHash: string): Promise<Token | null> {
    const t = [...this.tokens.values()].find((x) => x.tokenHash === tokenHash);
    return t ? { ...t } : null;
  }
  async listForUser(tenantId: string, userId: string): Promise<Token[]> {
    return [...this.tokens.values()]
      .filter((t) => t.tenantId === tenantId && t.userId === userId)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((t) => ({ ...t }));
  }
  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    const t = this.tokens.get(id);
    if (!t || t.tenantId !== tenantId || t.userId !== userId) return false;
    return this.tokens.delete(id);
  }
  async touch(id: string, at: number): Promise<void> {
    const t = this.tokens.get(id);
    if (t) t.lastUsedAt = at;
  }
  async deleteScope(tenantId: string, userId: string, scope: TokenScope): Promise<number> {
    const doomed = [...this.tokens.values()].filter((t) => t.tenantId === tenantId && t.userId === userId && t.scope === scope);
    doomed.forEach((t) => this.tokens.delete(t.id));
    return doomed.length;
  }
}
