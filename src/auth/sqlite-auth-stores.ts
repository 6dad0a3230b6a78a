import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { Role, Tenant, Token, TokenScope, User } from './auth-types';
import { TenantStore } from './tenant-store';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

interface TenantRow { id: string; name: string; created_at: number }
const toTenant = (r: TenantRow): Tenant => ({ id: r.id, name: r.name, createdAt: r.created_at });

@Injectable()
export class SqliteTenantStore extends TenantStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }
  async create(t: Tenant): Promise<void> {
    this.sqlite.db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)').run(t.id, t.name, t.createdAt);
  }
  async get(id: string): Promise<Tenant | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM tenants WHERE id = ?').get(id) as TenantRow | undefined;
    return row ? toTenant(row) : null;
  }
  async findByName(name: string): Promise<Tenant | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM tenants WHERE name = ?').get(name) as TenantRow | undefined;
    return row ? toTenant(row) : null;
  }
  async list(): Promise<Tenant[]> {
    return (this.sqlite.db.prepare('SELECT * FROM tenants ORDER BY name').all() as TenantRow[]).map(toTenant);
  }
}

interface UserRow {
  id: string; username: string; email: string | null; full_name: string | null; password_hash: string;
  role: string; tenant_id: string; installation_admin: number; disabled: number; created_at: number; last_login: number | null;
}
const toUser = (r: UserRow): User => ({
  id: r.id, username: r.username, email: r.email, fullName: r.full_name, passwordHash: r.password_hash,
  role: r.role as Role, tenantId: r.tenant_id, installationAdmin: r.installation_admin === 1, disabled: r.disabled === 1, createdAt: r.created_at, lastLogin: r.last_login,
});
const USER_COLUMNS: Record<string, string> = {
  passwordHash: 'password_hash', role: 'role', installationAdmin: 'installation_admin', disabled: 'disabled', lastLogin: 'last_login', email: 'email', fullName: 'full_name',
};

@Injectable()
export class SqliteUserStore extends UserStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }
  async create(u: User): Promise<void> {
    this.sqlite.db
      .prepare(
        `INSERT INTO users (id, username, email, full_name, password_hash, role, tenant_id, installation_admin, disabled, created_at, last_login)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(u.id, u.username, u.email, u.fullName, u.passwordHash, u.role, u.tenantId, u.installationAdmin ? 1 : 0, u.disabled ? 1 : 0, u.createdAt, u.lastLogin);
  }
  async get(id: string): Promise<User | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }
  async findByUsername(username: string): Promise<User | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }
  async count(role?: Role): Promise<number> {
    const row = role
      ? this.sqlite.db.prepare('SELECT count(*) AS n FROM users WHERE role = ?').get(role)
      : this.sqlite.db.prepare('SELECT count(*) AS n FROM users').get();
    return (row as { n: number }).n;
  }
  async list(tenantId?: string): Promise<User[]> {
    const rows = tenantId
      ? this.sqlite.db.prepare('SELECT * FROM users WHERE tenant_id = ? ORDER BY username').all(tenantId)
      : this.sqlite.db.prepare('SELECT * FROM users ORDER BY username').all();
    return (rows as UserRow[]).map(toUser);
  }
  async update(id: string, changes: Parameters<UserStore['update']>[1]): Promise<void> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `${USER_COLUMNS[k]} = ?`).join(', ');
    const values = entries.map(([, v]) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
    this.sqlite.db.prepare(`UPDATE users SET ${sets} WHERE id = ?`).run(...values, id);
  }
}

interface TokenRow {
  id: string; tenant_id: string; user_id: string | null; name: string; scope: string; token_hash: string;
  created_at: number; expires_at: number | null; last_used_at: number | null;
}
const toToken = (r: TokenRow): Token => ({
  id: r.id, tenantId: r.tenant_id, userId: r.user_id, name: r.name, scope: r.scope as TokenScope, tokenHash: r.token_hash,
  createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at,
});

@Injectable()
export class SqliteTokenStore extends TokenStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }
  async create(t: Token): Promise<void> {
    this.sqlite.db
      .prepare(
        `INSERT INTO tokens (id, tenant_id, user_id, name, scope, token_hash, created_at, expires_at, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.id, t.tenantId, t.userId, t.name, t.scope, t.tokenHash, t.createdAt, t.expiresAt, t.lastUsedAt);
  }
  async findByHash(tokenHash: string): Promise<Token | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM tokens WHERE token_hash = ?').get(tokenHash) as TokenRow | undefined;
    return row ? toToken(row) : null;
  }
  async listForUser(tenantId: string, userId: string): Promise<Token[]> {
    const rows = this.sqlite.db
      .prepare('SELECT * FROM tokens WHERE tenant_id = ? AND user_id = ? ORDER BY created_at DESC')
      .all(tenantId, userId) as TokenRow[];
    return rows.map(toToken);
  }
  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM tokens WHERE tenant_id = ? AND user_id = ? AND id = ?').run(tenantId, userId, id).changes > 0;
  }
  async touch(id: string, at: number): Promise<void> {
    this.sqlite.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }
  async deleteScope(tenantId: string, userId: string, scope: TokenScope): Promise<number> {
    return this.sqlite.db.prepare('DELETE FROM tokens WHERE tenant_id = ? AND user_id = ? AND scope = ?').run(tenantId, userId, scope).changes;
  }
}
