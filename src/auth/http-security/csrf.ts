import type { NextFunction, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hasBearer } from './session-cookie';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token, created (and so the session saved) on first use. */
export function ensureCsrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/** Routes that sign a browser in or out: another site must not (login CSRF, issue 14). */
const SESSION_ROUTES = new Set(['/api/login', '/api/logout', '/api/register']);

/**
 * CSRF defence, two parts:
 * - Synchronizer token: a request that authenticates by its session (passport loaded a user
 *   from what express-session loaded — the very thing AccessGuard trusts, so a cookie header
 *   spelled oddly cannot authenticate without being checked) and uses an unsafe method must
 *   send the session's token in `X-CSRF-Token` or the form field `_csrf`, else 403 csrf.
 *   Bearer requests get no session and cannot be forged by another site.
 * - Login, logout and register are refused from another site (Sec-Fetch-Site, or Origin
 *   where a browser sends no Sec-Fetch-Site), with or without a session, unless the site's
 *   origin is one LOGNEST_CORS_ORIGINS names (`trustedOrigin`).
 */
export function csrfProtection(trustedOrigin: (origin: string | undefined) => boolean = () => false) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || hasBearer(req.headers.authorization)) {
      next();
      return;
    }
    if (SESSION_ROUTES.has(req.path) && isCrossSite(req) && !trustedOrigin(req.get('origin'))) {
      refuse(res, `${req.path} accepts requests from Lognest's own pages only`);
      return;
    }
    // A page session (one that holds a token) must send it to sign in, too.
    const signedIn = Boolean((req as Request & { user?: unknown }).user);
    if (!signedIn && !(SESSION_ROUTES.has(req.path) && req.session?.csrfToken)) {
      next();
      return;
    }
    const sent = req.get(CSRF_HEADER) ?? (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const expected = req.session?.csrfToken;
    if (typeof sent === 'string' && expected && sameSecret(sent, expected)) {
      next();
      return;
    }
    refuse(res, `Missing or wrong CSRF token: send the session's token (GET /api/csrf) in the ${CSRF_HEADER} header or the ${CSRF_FIELD} form field`);
  };
}

function refuse(res: Response, message: string): void {
  res.status(403).json({ success: false, error: 'csrf', message });
}

/**
 * Whether a browser says the request comes from another origin. Clients that are not
 * browsers send neither header and are not cross-site: they hold the password themselves.
 */
function isCrossSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = req.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true; // `Origin: null` (sandboxed frames, data: pages) and garbage
  }
}

/** Every page (non-API GET) gets the token as `res.locals.csrfToken`, for forms and page scripts. */
export function csrfTokenForPages() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.session && isPagePath(req.path)) {
      res.locals.csrfToken = ensureCsrfToken(req);
    }
    next();
  };
}

/** Not the API, not socket.io, not a static file (a last segment with an extension). */
function isPagePath(path: string): boolean {
  return !/^\/(api|es|v1|socket\.io)(\/|$)/.test(path) && !/\.[A-Za-z0-9]+$/.test(path);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
