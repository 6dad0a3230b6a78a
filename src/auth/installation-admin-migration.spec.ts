import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { SQLITE_MIGRATIONS } from '../platform/metadata/sqlite-migrations';
import { SqliteUserStore } from './sqlite-auth-stores';

describe('the migration that adds installation admins', () => {
  it('makes the first admin of tenant default the installation admin of an existing install', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-migration-'));
    const file = path.join(dir, 'metadata.sqlite');
    const before = SQLITE_MIGRATIONS.findIndex((sql) => sql.includes('ADD COLUMN installation_admin'));
    const old = new Database(file);
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    SQLITE_MIGRATIONS.slice(0, before).forEach((sql, i) => {
      old.exec(sql);
      old.prepare('INSERT INTO schema_version (version) VALUES (?)').run(i + 1);
    });
    old.exec(`INSERT INTO tenants VALUES ('default', 'default', 1), ('t-b', 'b', 1)`);
    const insert = old.prepare(`INSERT INTO users (id, username, password_hash, role, tenant_id, created_at) VALUES (?, ?, 'h', ?, ?, ?)`);
    insert.run('u-b-admin', 'b-admin', 'admin', 't-b', 1);
    insert.run('u-root', 'admin', 'admin', 'default', 2);
    insert.run('u-later', 'later', 'admin', 'default', 3);
    insert.run('u-member', 'member', 'member', 'default', 0);
    old.close();

    const users = new SqliteUserStore(new SqliteDatabase(file));
    const flags = (await users.list()).map((u) => [u.username, u.installationAdmin]);
    expect(flags).toEqual([['admin', true], ['b-admin', false], ['later', false], ['member', false]]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
