import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { newId, newSecret } from '../platform/ids';
import { DEFAULT_TENANT_ID, Principal, Role, TokenScope, User } from './auth-types';
import { PasswordHasher } from './password-hasher';
import { TenantStore } from './tenant-store';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

const TOUCH_EVERY_MS = 60_000;

export const hashToken = (secret: string) => createHash('sha256').update(secret).digest('hex');

export class InvalidCredentialsError extends Error {}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  tenantId: string;
  installationAdmin?: boolean;
  email?: string | null;
  fullName?: string | null;
}

/** Users, passwords and bearer tokens. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UserStore,
    private readonly tenants: TenantStore,
    private readonly tokens: TokenStore,
    private readonly hasher: PasswordHasher,
  ) {}

  /** First start: the default tenant, and user `admin` when a password is configured. */
  /**
   * Creates tenant `default` and the first admin when missing. Several processes sharing one
   * metadata store may start at once: a create that loses the race (a unique key refuses it)
   * is fine as long as the winner's tenant or user is there afterwards.
   */
  async bootstrap(): Promise<void> {
    if (!(await this.tenants.get(DEFAULT_TENANT_ID))) {
      await this.tenants.create({ id: DEFAULT_TENANT_ID, name: 'default', createdAt: Date.now() }).catch(async (err) => {
        if (!(await this.tenants.get(DEFAULT_TENANT_ID))) throw err;
      });
    }
    if (this.config.adminPassword && (await this.users.count()) === 0) {
      const admin = { username: 'admin', password: this.config.adminPassword, role: 'admin' as const, tenantId: DEFAULT_TENANT_ID, installationAdmin: true };
      const created = await this.createUser(admin).then(
        () => true,
        async (err) => {
          if (!(await this.users.findByUsername('admin'))) throw err;
          return false;
        },
      );
      if (created) this.logger.log('Created user admin (tenant default) from LOGNEST_ADMIN_PASSWORD');
    }
  }

  async createUser(input: NewUser): Promise<User> {
    const user: User = {
      id: newId(),
      username: input.username,
      email: input.email ?? null,
      fullName: input.fullName ?? null,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      tenantId: input.tenantId,
      installationAdmin: input.installationAdmin ?? false,
      disabled: false,
      createdAt: Date.now(),
      lastLogin: null,
    };
    await this.users.create(user);
    return user;
  }

  /** The user for a username and password, or InvalidCredentialsError (same error for every cause). */
  async verifyPassword(username: string, password: string): Promise<User> {
    const user = await this.users.findByUsername(username);
    const ok = user !== null && !user.disabled && (await this.hasher.verify(password, user.passwordHash));
    if (!ok || !user) throw new InvalidCredentialsError('Invalid username or password');
    const now = Date.now();
    await this.users.update(user.id, { lastLogin: now });
    return { ...user, lastLogin: now };
  }

  /** Issues a token; the secret is returned once and only its hash is kept. */
  async issueToken(user: User, scope: TokenScope, name: string): Promise<{ id: string; token: string; expiresAt: number | null }> {
    const secret = `lgn_${newSecret()}`;
    const id = newId();
    const expiresAt = scope === 'login' ? Date.now() + this.config.tokenTtlSeconds * 1000 : null;
    await this.tokens.create({
      id, tenantId: user.tenantId, userId: user.id, name, scope, tokenHash: hashToken(secret),
      createdAt: Date.now(), expiresAt, lastUsedAt: null,
    });
    return { id, token: secret, expiresAt };
  }

  /** Sign-out of a bearer login token: it stops working at once. API tokens are revoked in /api/tokens. */
  async revokeLoginToken(who: Principal): Promise<boolean> {
    if (who.tokenScope !== 'login' || !who.tokenId || !who.userId) return false;
    return this.tokens.delete(who.tenantId, who.userId, who.tokenId);
  }

  /** The caller behind a bearer secret, or null when unknown, expired or its user disabled. */
  async principalForToken(secret: string): Promise<Principal | null> {
    const token = await this.tokens.findByHash(hashToken(secret));
    if (!token || (token.expiresAt !== null && token.expiresAt < Date.now())) return null;
    const user = token.userId ? await this.users.get(token.userId) : null;
    if (!user || user.disabled) return null;
    // "Last used" to the minute: not a metadata write on every ingest request.
    const now = Date.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt > TOUCH_EVERY_MS) await this.tokens.touch(token.id, now);
    // Only tokens that may administer at all carry the installation role: an ingest or read
    // token of an installation admin is no more than any other.
    const installationAdmin = user.installationAdmin && (token.scope === 'login' || token.scope === 'admin');
    return { userId: user.id, username: user.username, tenantId: token.tenantId, role: user.role, installationAdmin, tokenScope: token.scope, tokenId: token.id };
  }

  async principalForUser(userId: string): Promise<Principal | null> {
    const user = await this.users.get(userId);
    if (!user || user.disabled) return null;
    return { userId: user.id, username: user.username, tenantId: user.tenantId, role: user.role, installationAdmin: user.installationAdmin, tokenScope: null };
  }
}
