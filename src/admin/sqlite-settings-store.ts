import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { SettingsStore } from './settings-store';

@Injectable()
export class SqliteSettingsStore extends SettingsStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async get(key: string): Promise<string | null> {
    const row = this.sqlite.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  async set(key: string, value: string): Promise<void> {
    this.sqlite.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  async delete(key: string): Promise<void> {
    this.sqlite.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
