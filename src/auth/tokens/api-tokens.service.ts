import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthService } from '../auth.service';
import { Principal, Role, Token, TokenScope } from '../auth-types';
import { TokenStore } from '../token-store';
import { UserStore } from '../user-store';

export type ApiTokenScope = Exclude<TokenScope, 'login'>;
export const API_TOKEN_SCOPES: readonly ApiTokenScope[] = ['ingest', 'read', 'admin', 'metrics'];

/** A token never does more than its maker's role allows. */
const SCOPES_A_ROLE_MAY_ISSUE: Record<Role, ApiTokenScope[]> = {
  admin: ['ingest', 'read', 'admin'],
  member: ['ingest', 'read'],
  viewer: ['read'],
};

/** API tokens a person makes for scripts and shippers: per tenant and user, secret shown once. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenStore,
    private readonly users: UserStore,
  ) {}

  async create(who: Principal, name: string, scope: ApiTokenScope): Promise<{ id: string; token: string }> {
    // Metrics cover every tenant of the installation: an installation admin's to hand out.
    const mayIssue = scope === 'metrics' ? who.installationAdmin : SCOPES_A_ROLE_MAY_ISSUE[who.role].includes(scope);
    if (!mayIssue) {
      throw new ForbiddenException({ success: false, error: 'forbidden', field: 'scope', message: scope === 'metrics' ? 'Only an installation admin may create metrics tokens' : `Role ${who.role} may not create ${scope} tokens` });
    }
    const user = await this.users.get(who.userId!);
    if (!user) throw new NotFoundException({ success: false, error: 'not_found', message: 'No such user' });
    const issued = await this.auth.issueToken(user, scope, name);
    return { id: issued.id, token: issued.token };
  }

  /** The caller's API tokens (login tokens are sessions, not listed). */
  async list(who: Principal): Promise<Token[]> {
    return (await this.tokens.listForUser(who.tenantId, who.userId!)).filter((t) => t.scope !== 'login');
  }

  async delete(who: Principal, id: string): Promise<void> {
    if (!(await this.tokens.delete(who.tenantId, who.userId!, id))) {
      throw new NotFoundException({ success: false, error: 'not_found', message: `No token ${id}` });
    }
  }
}
