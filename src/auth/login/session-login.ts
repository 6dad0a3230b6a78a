import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Authenticator } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { ensureCsrfToken } from '../http-security/csrf';
import { SESSION_COOKIE } from '../http-security/session-cookie';
import { User } from '../auth-types';
import { UserStore } from '../user-store';
import { clientIp } from './client-ip';
import { PasswordLogin } from './password-login';

const REMEMBER_ME_MS = 30 * 24 * 60 * 60 * 1000;

/** What passport puts on `request.user` for a session: the id only; AccessGuard loads the rest. */
export interface SessionUser {
  id: string;
}

/** What the session stores: the user id and a stamp of the password it was opened with. */
interface StoredSessionUser {
  id: string;
  stamp: string;
}

/** Changes whenever the password does, so sessions opened with an older password end. */
function credentialStamp(user: User): string {
  return createHash('sha256').update(user.passwordHash).digest('base64url').slice(0, 16);
}

const toStored = (user: User): StoredSessionUser => ({ id: user.id, stamp: credentialStamp(user) });

/**
 * Browser sign-in: passport-local checks the password (through the throttle), the session
 * keeps only the user id, and a user who is gone or disabled loses the session on their
 * next request. This app's own passport instance, so two apps in one process never share one.
 */
@Injectable()
export class SessionLogin {
  readonly passport = new Authenticator();

  constructor(passwordLogin: PasswordLogin, users: UserStore) {
    this.passport.use(
      new LocalStrategy({ passReqToCallback: true }, (req, username, password, done) => {
        passwordLogin.attempt(username, password, clientIp(req)).then((user) => done(null, user), done);
      }),
    );
    this.passport.serializeUser((user, done) => done(null, toStored(user as User)));
    this.passport.deserializeUser((stored: Partial<StoredSessionUser> | null, done) => {
      if (!stored?.id) return done(null, false);
      users.get(stored.id).then((user) => {
        const valid = user && !user.disabled && credentialStamp(user) === stored.stamp;
        done(null, valid ? ({ id: user.id } satisfies SessionUser) : false);
      }, done);
    });
  }

  /**
   * After a password change: the caller's own session takes the new stamp (same id, same
   * CSRF token) while every other session of that user stops working.
   */
  keepCurrentSession(req: Request, user: User): void {
    const session = req.session as unknown as { passport?: { user?: unknown } } | undefined;
    if (session?.passport?.user) session.passport.user = toStored(user);
  }

  /** Checks the body's username and password; rejects with the login error. */
  authenticate(req: Request, res: Response): Promise<User> {
    return new Promise((resolve, reject) => {
      const run = this.passport.authenticate('local', { session: false }, (err: unknown, user: User | false) => {
        if (err) reject(err);
        else if (!user) reject(new Error('passport-local found no credentials'));
        else resolve(user);
      });
      run(req, res, reject);
    });
  }

  /**
   * Starts a fresh session for the user (a new id, against session fixation) with a fresh
   * CSRF token. `rememberMe` keeps the cookie 30 days; otherwise it ends with the browser.
   */
  async logIn(req: Request, user: User, rememberMe: boolean): Promise<string> {
    await new Promise<void>((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
    if (rememberMe) req.session.cookie.maxAge = REMEMBER_ME_MS;
    return ensureCsrfToken(req);
  }

  async logOut(req: Request, res: Response): Promise<void> {
    if (req.session) {
      await new Promise<void>((resolve, reject) => req.logOut((err) => (err ? reject(err) : resolve())));
      await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
