import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

/**
 * The SQLite file that holds metadata (users, tenants, tokens, files, saved searches,
 * sessions) on the embedded default. Every SQLite adapter shares this one connection.
 */
export class SqliteDatabase {
  readonly db: Database.Database;

  constructor(file: string, onQuery?: (label: string, ms: number) => void) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    if (onQuery) this.timeStatements(onQuery);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  /** Reports the duration of every statement run, labelled `<verb> <table>`. */
  private timeStatements(onQuery: (label: string, ms: number) => void): void {
    const prepare = this.db.prepare.bind(this.db);
    this.db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      const match = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*?\b(?:FROM|INTO|UPDATE)\s+(\w+)/i.exec(sql);
      const label = match ? `${match[1].toLowerCase()} ${match[2]}` : 'other';
      for (const method of ['run', 'get', 'all'] as const) {
        const original = (statement[method] as (...a: unknown[]) => unknown).bind(statement);
        (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          const started = performance.now();
          try {
            return original(...args);
          } finally {
            onQuery(label, performance.now() - started);
          }
        };
      }
      return statement;
    }) as typeof this.db.prepare;
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
    const current = row.v ?? 0;
    SQLITE_MIGRATIONS.slice(current).forEach((sql, i) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(current + i + 1);
      })();
    });
  }

  healthy(): boolean {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
