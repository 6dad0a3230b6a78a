import { SessionData, SessionStore } from './session-store';

/** In-process sessions for unit tests; copies data in and out like a real store would. */
export class MemorySessionStore extends SessionStore {
  private readonly sessions = new Map<string, { json: string; expiresAt: number }>();

  async get(sid: string): Promise<SessionData | null> {
    const entry = this.sessions.get(sid);
    return entry && entry.expiresAt > Date.now() ? (JSON.parse(entry.json) as SessionData) : null;
  }

  async set(sid: string, data: SessionData, expiresAt: number): Promise<void> {
    this.sessions.set(sid, { json: JSON.stringify(data), expiresAt });
  }

  async touch(sid: string, expiresAt: number): Promise<void> {
    const entry = this.sessions.get(sid);
    if (entry && entry.expiresAt < expiresAt) entry.expiresAt = expiresAt;
  }

  async destroy(sid: string): Promise<void> {
    this.sessions.delete(sid);
  }

  async deleteExpired(now: number): Promise<number> {
    let removed = 0;
    for (const [sid, entry] of this.sessions) {
      if (entry.expiresAt <= now) {
        this.sessions.delete(sid);
        removed++;
      }
    }
    return removed;
  }
}
