import { Role, Tenant, Token, User } from './auth-types';
import { TenantStore } from './tenant-store';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

export interface AuthStores {
  tenants: TenantStore;
  users: UserStore;
  tokens: TokenStore;
}

const tenant = (id: string, name = id): Tenant => ({ id, name, createdAt: 1_700_000_000_000 });

const user = (id: string, tenantId: string, username: string, role: Role = 'member'): User => ({
  id, username, tenantId, role, email: `${username}@example.com`, fullName: null, passwordHash: `hash-${id}`,
  installationAdmin: false, disabled: false, createdAt: 1_700_000_000_000, lastLogin: null,
});

const token = (id: string, tenantId: string, userId: string, createdAt: number): Token => ({
  id, tenantId, userId, name: `token ${id}`, scope: 'read', tokenHash: `sha-${id}`, createdAt, expiresAt: null, lastUsedAt: null,
});

/** The behaviour every adapter of the account ports (SQLite, MongoDB, memory) must show. */
export function describeAuthStoresContract(name: string, make: () => Promise<AuthStores & { close(): Promise<void> }>) {
  describe(`account stores contract: ${name}`, () => {
    let s: AuthStores & { close(): Promise<void> };
    beforeEach(async () => {
      s = await make();
      await s.tenants.create(tenant('t-a', 'Acme'));
      await s.tenants.create(tenant('t-b', 'Globex'));
    });
    afterEach(() => s.close());

    it('keeps tenants with unique names', async () => {
      expect(await s.tenants.get('t-a')).toEqual(tenant('t-a', 'Acme'));
      expect(await s.tenants.findByName('Globex')).toEqual(tenant('t-b', 'Globex'));
      expect(await s.tenants.get('nope')).toBeNull();
      expect((await s.tenants.list()).map((t) => t.name)).toEqual(['Acme', 'Globex']);
      await expect(s.tenants.create(tenant('t-c', 'Acme'))).rejects.toBeTruthy();
    });

    it('finds users by id and by username, case-insensitively, unique across tenants', async () => {
      await s.users.create(user('u1', 't-a', 'Alice', 'admin'));
      await s.users.create(user('u2', 't-b', 'bob'));
      expect(await s.users.get('u1')).toEqual(user('u1', 't-a', 'Alice', 'admin'));
      expect((await s.users.findByUsername('alice'))?.id).toBe('u1');
      expect(await s.users.findByUsername('carol')).toBeNull();
      await expect(s.users.create(user('u3', 't-b', 'ALICE'))).rejects.toBeTruthy();
      expect(await s.users.count()).toBe(2);
      expect(await s.users.count('admin')).toBe(1);
      expect((await s.users.list('t-b')).map((u) => u.id)).toEqual(['u2']);
      expect((await s.users.list()).map((u) => u.id).sort()).toEqual(['u1', 'u2']);
    });

    it('updates only the given user fields', async () => {
      await s.users.create(user('u1', 't-a', 'alice'));
      await s.users.update('u1', { disabled: true, lastLogin: 1_800_000_000_000, role: 'viewer', installationAdmin: true });
      const changed = { disabled: true, lastLogin: 1_800_000_000_000, role: 'viewer', installationAdmin: true };
      expect(await s.users.get('u1')).toEqual({ ...user('u1', 't-a', 'alice'), ...changed });
      await s.users.update('u1', { passwordHash: 'new-hash' });
      expect((await s.users.get('u1'))?.passwordHash).toBe('new-hash');
      expect((await s.users.get('u1'))?.disabled).toBe(true);
    });

    it('finds tokens by hash, lists a user’s newest first, deletes only within tenant and user', async () => {
      await s.users.create(user('u1', 't-a', 'alice'));
      await s.users.create(user('u2', 't-b', 'bob'));
      await s.tokens.create(token('k1', 't-a', 'u1', 1));
      await s.tokens.create(token('k2', 't-a', 'u1', 2));
      await s.tokens.create(token('k3', 't-b', 'u2', 3));
      expect(await s.tokens.findByHash('sha-k2')).toEqual(token('k2', 't-a', 'u1', 2));
      expect(await s.tokens.findByHash('sha-unknown')).toBeNull();
      expect((await s.tokens.listForUser('t-a', 'u1')).map((t) => t.id)).toEqual(['k2', 'k1']);
      expect(await s.tokens.listForUser('t-b', 'u1')).toEqual([]);
      expect(await s.tokens.delete('t-b', 'u2', 'k1')).toBe(false);
      expect(await s.tokens.delete('t-a', 'u2', 'k1')).toBe(false);
      expect(await s.tokens.delete('t-a', 'u1', 'k1')).toBe(true);
      expect(await s.tokens.findByHash('sha-k1')).toBeNull();
      await s.tokens.touch('k2', 99);
      expect((await s.tokens.findByHash('sha-k2'))?.lastUsedAt).toBe(99);
    });

    it('deletes one scope of one user’s tokens', async () => {
      await s.users.create(user('u1', 't-a', 'alice'));
      await s.users.create(user('u2', 't-a', 'bob'));
      await s.tokens.create({ ...token('l1', 't-a', 'u1', 1), scope: 'login' });
      await s.tokens.create({ ...token('l2', 't-a', 'u1', 2), scope: 'login' });
      await s.tokens.create(token('r1', 't-a', 'u1', 3));
      await s.tokens.create({ ...token('l3', 't-a', 'u2', 4), scope: 'login' });
      expect(await s.tokens.deleteScope('t-b', 'u1', 'login')).toBe(0);
      expect(await s.tokens.deleteScope('t-a', 'u1', 'login')).toBe(2);
      expect(await s.tokens.findByHash('sha-l1')).toBeNull();
      expect((await s.tokens.findByHash('sha-r1'))?.id).toBe('r1');
      expect((await s.tokens.findByHash('sha-l3'))?.id).toBe('l3');
    });
  });
}
