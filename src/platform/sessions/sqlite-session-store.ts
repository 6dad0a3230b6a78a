import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../metadata/sqlite-database';
import { SessionData, SessionStore } from './session-store';

/** Moving the expiry by less than this is not worth a write on every request. */
const TOUCH_GRANULARITY_MS = 60_000;

@Injectable()
export class SqliteSessionStore extends SessionStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async get(sid: string): Promise<SessionData | null> {
    const row = this.sqlite.db.prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?').get(sid, Date.now()) as
      | { data: string }
      | undefined;
    return row ? (JSON.parse(row.data) as SessionData) : null;
  }

  async set(sid: string, data: SessionData, expiresAt: number): Promise<void> {
    this.sqlite.db
      .prepare(
        `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
         ON CONFLICT(sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
      )
      .run(sid, JSON.stringify(data), expiresAt);
  }

  async touch(sid: string, expiresAt: number): Promise<void> {
    this.sqlite.db
      .prepare('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at < ?')
      .run(expiresAt, sid, expiresAt - TOUCH_GRANULARITY_MS);
  }

  async destroy(sid: string): Promise<void> {
    this.sqlite.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
  }

  async deleteExpired(now: number): Promise<number> {
    return this.sqlite.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }
}
