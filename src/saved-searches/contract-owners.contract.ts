import { SqliteDatabase } from '../platform/metadata/sqlite-database';

/**
 * A fresh in-memory metadata database holding the owners the contract suites use: tenant
 * t1 with users u1 and u2, tenant t2 with user u3 (the tables' foreign keys need them).
 */
export function sqliteWithContractOwners(): SqliteDatabase {
  const sqlite = new SqliteDatabase(':memory:');
  const owners = { t1: ['u1', 'u2'], t2: ['u3'] };
  for (const [tenant, users] of Object.entries(owners)) {
    sqlite.db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 0)').run(tenant, tenant);
    for (const user of users) {
      sqlite.db.prepare("INSERT INTO users (id, username, password_hash, role, tenant_id, created_at) VALUES (?, ?, 'x', 'member', ?, 0)").run(user, user, tenant);
    }
  }
  return sqlite;
}
