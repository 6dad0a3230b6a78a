import session from 'express-session';
import { SessionStore } from './session-store';

/** How long a browser-session cookie (no remember-me) stays valid on the server without use. */
export const IDLE_SESSION_TTL_MS = 24 * 60 * 60 * 1000;

/** express-session's Store API over the SessionStore port: the one place that knows both. */
export class ExpressSessionStore extends session.Store {
  constructor(private readonly store: SessionStore) {
    super();
  }

  override get(sid: string, done: (err: unknown, data?: session.SessionData | null) => void): void {
    this.store.get(sid).then((data) => done(null, data as unknown as session.SessionData | null), done);
  }

  override set(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    this.store.set(sid, JSON.parse(JSON.stringify(data)), expiryOf(data)).then(() => done?.(), (err) => done?.(err));
  }

  override touch(sid: string, data: session.SessionData, done?: (err?: unknown) => void): void {
    this.store.touch(sid, expiryOf(data)).then(() => done?.(), (err) => done?.(err));
  }

  override destroy(sid: string, done?: (err?: unknown) => void): void {
    this.store.destroy(sid).then(() => done?.(), (err) => done?.(err));
  }
}

function expiryOf(data: session.SessionData): number {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires).getTime() : Date.now() + IDLE_SESSION_TTL_MS;
}
