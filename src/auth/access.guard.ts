import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ACCESS_KEY, AccessKind } from './access.decorators';
import { AuthService } from './auth.service';
import { SessionUser } from './login/session-login';
import { Principal, Role, TokenScope } from './auth-types';
import { isPageRequest, SignInRequiredException } from './http-security/sign-in-redirect';
import { tokenOfAuthorization } from './http-security/session-cookie';

type Checked = Exclude<AccessKind, 'public' | 'installation' | 'metrics'>;

const ROLES_FOR: Record<Checked, Role[]> = {
  read: ['admin', 'member', 'viewer'],
  ingest: ['admin', 'member'],
  write: ['admin', 'member'],
  admin: ['admin'],
  account: ['admin', 'member', 'viewer'],
};

const SCOPES_FOR: Record<Checked, TokenScope[]> = {
  read: ['login', 'read', 'admin'],
  ingest: ['login', 'ingest', 'admin'],
  write: ['login', 'admin'],
  admin: ['login', 'admin'],
  account: ['login'],
};

/** Why `principal` may not do a `kind` of thing, or null when it may (also used by the live socket handshake). */
export function accessProblem(kind: Checked, principal: Principal): string | null {
  if (!ROLES_FOR[kind].includes(principal.role) && !(kind === 'admin' && principal.installationAdmin)) {
    return `Role ${principal.role} may not do this (needs ${ROLES_FOR[kind].join(' or ')})`;
  }
  if (principal.tokenScope && !SCOPES_FOR[kind].includes(principal.tokenScope)) return `A token with scope ${principal.tokenScope} may not do this`;
  return null;
}

/**
 * Resolves the caller from a token in `Authorization` (Bearer, ApiKey, Basic) or the session, puts it on the request
 * as `principal`, and checks it against the route's access kind.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind =
      this.reflector.getAllAndOverride<AccessKind>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'write';
    const request = context.switchToHttp().getRequest();
    const principal = await this.resolve(request);
    if (principal) request.principal = principal;
    if (kind === 'public' || (kind === 'metrics' && this.config.metricsPublic)) return true;
    if (!principal) {
      if (isPageRequest(request.path)) throw new SignInRequiredException();
      throw new UnauthorizedException('Authentication required: sign in or send Authorization: Bearer <token>');
    }
    if (kind === 'metrics') {
      // Metrics span every tenant: installation admins, and the metrics tokens only they issue.
      if (principal.tokenScope === 'metrics' || principal.installationAdmin) return true;
      throw new ForbiddenException('Only an installation admin or a metrics token may read the metrics');
    }
    if (kind === 'installation') {
      if (!principal.installationAdmin) throw new ForbiddenException('Only an installation admin may do this');
      if (principal.tokenScope && !SCOPES_FOR.admin.includes(principal.tokenScope)) {
        throw new ForbiddenException(`A token with scope ${principal.tokenScope} may not do this`);
      }
      return true;
    }
    const problem = accessProblem(kind, principal);
    if (problem) throw new ForbiddenException(problem);
    return true;
  }

  private async resolve(request: { headers: Record<string, string | undefined>; user?: SessionUser }): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header) {
      const token = tokenOfAuthorization(header);
      return token ? this.auth.principalForToken(token) : null;
    }
    return request.user?.id ? this.auth.principalForUser(request.user.id) : null;
  }
}
