import type { NextFunction, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hasBearer, hasSessionCookie } from './session-cookie';

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

/**
 * Synchronizer-token CSRF check. Only requests that carry the session cookie and no bearer
 * header can be forged by another site, so only those are checked: an unsafe method must
 * send the session's token in `X-CSRF-Token` or the form field `_csrf`, else 403 csrf.
 */
export function csrfProtection() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || hasBearer(req.headers.authorization) || !hasSessionCookie(req.headers.cookie)) {
      next();
      return;
    }
    const sent = req.get(CSRF_HEADER) ?? (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const expected = req.session?.csrfToken;
    if (typeof sent === 'string' && expected && sameSecret(sent, expected)) {
      next();
      return;
    }
    res.status(403).json({
      success: false,
      error: 'csrf',
      message: `Missing or wrong CSRF token: send the session's token (GET /api/csrf) in the ${CSRF_HEADER} header or the ${CSRF_FIELD} form field`,
    });
  };
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
