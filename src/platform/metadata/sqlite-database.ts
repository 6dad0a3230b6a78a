import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

/** How many prepared statements are kept, by SQL text (the adapters' statements are far fewer). */
const PREPARED_STATEMENTS_KEPT = 256;

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
    this.keepStatements();
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

  /**
   * `db.prepare` answers a statement it prepared before for the same SQL: the adapters
   * prepare theirs on every call, and a request's token lookup and history write spent
   * ~0.2 ms compiling SQL. A statement still being iterated is not handed out twice; one
   * whose mode a caller changed (`pluck`, `raw`, `expand`) would be: no adapter does that.
   */
  private keepStatements(): void {
    const prepare = this.db.prepare.bind(this.db);
    const kept = new Map<string, Database.Statement>();
    this.db.prepare = ((sql: string) => {
      let statement = kept.get(sql);
      if (statement && !statement.busy) kept.delete(sql);
      else statement = prepare(sql);
      kept.set(sql, statement);
      if (kept.size > PREPARED_STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
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
