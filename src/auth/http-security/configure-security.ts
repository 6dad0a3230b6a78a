import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { AppConfig } from '../../config/app-config';
import { ExpressSessionStore } from '../../platform/sessions/express-session-store';
import { resolveSessionSecret } from '../../platform/sessions/session-secret';
import { SessionStore } from '../../platform/sessions/session-store';
import { SessionLogin } from '../login/session-login';
import { CorsPolicy } from './cors-policy';
import { csrfProtection, csrfTokenForPages } from './csrf';
import { hasBearer, SESSION_COOKIE } from './session-cookie';
import { SessionMiddleware } from './session-middleware';
import { SignInRedirectFilter } from './sign-in-redirect';

/** Pages are written to fit this: no inline scripts, styles or handlers anywhere. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * Browser-facing security, in order: CORS (LOGNEST_CORS_ORIGINS), security headers (helmet, strict CSP), the session
 * cookie and passport (skipped for bearer requests, which never need a session), CSRF, the
 * page token, and the redirect to /login for pages. Call after the body parsers and after
 * the API exception filter is registered (this filter must be consulted first).
 */
export function configureSecurity(app: NestExpressApplication, config: AppConfig): void {
  const cors = new CorsPolicy(config.corsOrigins);
  app.use(cors.middleware());
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      strictTransportSecurity: config.cookieSecure,
    }),
  );
  const sessions = session({
    name: SESSION_COOKIE,
    secret: resolveSessionSecret(config.sessionSecret, config.dataDir),
    store: new ExpressSessionStore(app.get(SessionStore)),
    resave: false,
    saveUninitialized: false,
    proxy: config.cookieSecure ? true : undefined,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' },
  });
  const passport = app.get(SessionLogin).passport;
  const chain = [sessions, passport.initialize(), passport.session()];
  for (const middleware of chain) app.use(unlessBearer(middleware));
  app.get(SessionMiddleware).use(chain);
  app.use(csrfProtection((origin) => cors.trusts(origin)));
  app.use(csrfTokenForPages());
  app.useGlobalFilters(new SignInRedirectFilter());
}

function unlessBearer(middleware: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    hasBearer(req.headers.authorization) ? next() : middleware(req, res, next);
}
