import { loadConfig } from '../config/load-config';
import { AuthService, InvalidCredentialsError } from './auth.service';
import { MemoryTenantStore, MemoryTokenStore, MemoryUserStore } from './memory-auth-stores';
import { PasswordHasher } from './password-hasher';

function makeService(env: Record<string, string> = { LOGNEST_ADMIN_PASSWORD: 'first-admin-pw' }) {
  const users = new MemoryUserStore();
  const tokens = new MemoryTokenStore();
  const service = new AuthService(loadConfig(env), users, new MemoryTenantStore(), tokens, new PasswordHasher(4));
  return { service, users, tokens };
}

describe('AuthService', () => {
  it('creates admin from the configured password once, on an empty store', async () => {
    const { service, users } = makeService();
    await service.bootstrap();
    await service.bootstrap();
    expect(await users.count()).toBe(1);
    const admin = await service.verifyPassword('admin', 'first-admin-pw');
    expect(admin).toMatchObject({ role: 'admin', tenantId: 'default' });
    expect(admin.lastLogin).toEqual(expect.any(Number));
  });

  it('refuses a wrong password, an unknown user and a disabled user with the same error', async () => {
    const { service, users } = makeService();
    await service.bootstrap();
    await expect(service.verifyPassword('admin', 'wrong')).rejects.toThrow(InvalidCredentialsError);
    await expect(service.verifyPassword('nobody', 'first-admin-pw')).rejects.toThrow(InvalidCredentialsError);
    const admin = await users.findByUsername('admin');
    await users.update(admin!.id, { disabled: true });
    await expect(service.verifyPassword('admin', 'first-admin-pw')).rejects.toThrow('Invalid username or password');
  });

  it('keeps only the hash of a token and resolves the caller from its secret', async () => {
    const { service, tokens } = makeService();
    await service.bootstrap();
    const admin = await service.verifyPassword('admin', 'first-admin-pw');
    const issued = await service.issueToken(admin, 'ingest', 'shipper');
    const stored = await tokens.listForUser('default', admin.id);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    expect(await service.principalForToken(issued.token)).toMatchObject({ username: 'admin', tenantId: 'default', tokenScope: 'ingest' });
    expect(await service.principalForToken('lgn_forged')).toBeNull();
  });

  it('records when a token was last used, at most once a minute', async () => {
    const { service, tokens } = makeService();
    await service.bootstrap();
    const admin = await service.verifyPassword('admin', 'first-admin-pw');
    const issued = await service.issueToken(admin, 'read', 'reader');
    await service.principalForToken(issued.token);
    const first = (await tokens.listForUser('default', admin.id))[0].lastUsedAt;
    expect(first).toEqual(expect.any(Number));
    await new Promise((r) => setTimeout(r, 5));
    await service.principalForToken(issued.token);
    expect((await tokens.listForUser('default', admin.id))[0].lastUsedAt).toBe(first);
  });

  it('lets a login token expire', async () => {
    const { service } = makeService();
    await service.bootstrap();
    const admin = await service.verifyPassword('admin', 'first-admin-pw');
    const issued = await service.issueToken(admin, 'login', 'login');
    expect(issued.expiresAt).toBeGreaterThan(Date.now());
    const realNow = Date.now;
    Date.now = () => issued.expiresAt! + 1;
    try {
      expect(await service.principalForToken(issued.token)).toBeNull();
    } finally {
      Date.now = realNow;
    }
  });
});
