import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from './auth-types';

/**
 * What a route does, which decides who may call it:
 * - public: anyone, no credentials (login, health);
 * - read: any signed-in user, and read/admin tokens;
 * - ingest: admins and members, and ingest/admin tokens;
 * - write: admins and members (changes stored things), and admin tokens;
 * - admin: admins of the caller's tenant (and installation admins); what they administer is
 *   still their own tenant unless the service lets an installation admin reach further;
 * - installation: installation admins only (tenants, installation-wide settings and
 *   numbers; docs/decisions/0012), by session, login or admin token;
 * - account: the signed-in person's own account and tokens: any role, by session or login
 *   token, never by an API token;
 * - metrics: the Prometheus scrape: installation admins, and `metrics` tokens; anyone when
 *   LOGNEST_METRICS_PUBLIC=true.
 * A route without this decorator is treated as `write`. An unauthenticated request to a
 * page (a path outside /api) is redirected to /login instead of answered 401.
 */
export type AccessKind = 'public' | 'read' | 'ingest' | 'write' | 'admin' | 'installation' | 'account' | 'metrics';
export const ACCESS_KEY = 'lognest:access';
export const Access = (kind: AccessKind) => SetMetadata(ACCESS_KEY, kind);
/** Installation admins only: `@InstallationAdmin()` on a controller or handler. */
export const InstallationAdmin = () => Access('installation');

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
