import { SqliteDatabase } from './sqlite-database';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

describe('SqliteDatabase', () => {
  let sqlite: SqliteDatabase;
  beforeEach(() => {
    sqlite = new SqliteDatabase(':memory:');
  });
  afterEach(() => sqlite.close());

  it('is at the newest schema version after opening', () => {
    expect(sqlite.db.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: SQLITE_MIGRATIONS.length });
  });

  it('hands out the statement it prepared before for the same SQL, which still answers with new parameters', () => {
    sqlite.db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
    const insert = sqlite.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
    expect(sqlite.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)')).toBe(insert);
    insert.run(1, 'a');
    sqlite.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(2, 'b');
    expect(sqlite.db.prepare('SELECT v FROM t WHERE k = ?').get(2)).toEqual({ v: 'b' });
    expect(sqlite.db.prepare('SELECT v FROM t WHERE k = ?').get(1)).toEqual({ v: 'a' });
  });

  it('prepares a second statement while the first is still being iterated', () => {
    sqlite.db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2)');
    const seen: number[] = [];
    for (const row of sqlite.db.prepare('SELECT k FROM t ORDER BY k').iterate() as Iterable<{ k: number }>) {
      seen.push(row.k, ...(sqlite.db.prepare('SELECT k FROM t ORDER BY k').all() as { k: number }[]).map((r) => r.k * 10));
    }
    expect(seen).toEqual([1, 10, 20, 2, 10, 20]);
  });

  it('keeps a bounded number of statements', () => {
    const first = sqlite.db.prepare('SELECT 0 AS n');
    for (let i = 1; i <= 300; i++) expect(sqlite.db.prepare(`SELECT ${i} AS n`).get()).toEqual({ n: i });
    const again = sqlite.db.prepare('SELECT 0 AS n');
    expect(again).not.toBe(first);
    expect(again.get()).toEqual({ n: 0 });
  });
});
