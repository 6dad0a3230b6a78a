import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { KeptStatements } from './kept-statements';

describe('KeptStatements', () => {
  let instance: DuckDBInstance;
  let writer: DuckDBConnection;
  let reader: DuckDBConnection;
  let prepared: string[];

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    writer = await instance.connect();
    reader = await instance.connect();
    await writer.run('CREATE TABLE t (k INTEGER, v VARCHAR)');
    await writer.run("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    prepared = [];
    const prepare = reader.prepare.bind(reader);
    jest.spyOn(reader, 'prepare').mockImplementation((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    });
  });
  afterEach(() => {
    writer.closeSync();
    reader.closeSync();
    instance.closeSync();
  });

  const values = async (statements: KeptStatements, sql: string, params: (number | string)[]) =>
    (await statements.run(sql, params)).getRowObjectsJS().map((row) => row.v);

  it('prepares a query once and answers every run with that run’s parameters', async () => {
    const statements = new KeptStatements(reader);
    const sql = 'SELECT v FROM t WHERE k >= ? ORDER BY k';
    expect(await values(statements, sql, [3])).toEqual(['c']);
    expect(await values(statements, sql, [1])).toEqual(['a', 'b', 'c']);
    expect(await values(statements, sql, [2])).toEqual(['b', 'c']);
    expect(prepared).toEqual([sql]);
  });

  it('keeps at most its limit of statements, the least recently used going first', async () => {
    const statements = new KeptStatements(reader, 2);
    const byKey = (name: string) => `SELECT v AS ${name} FROM t WHERE k = ?`;
    for (const name of ['a', 'b', 'a', 'c', 'a']) {
      const [row] = (await statements.run(byKey(name), [1])).getRowObjectsJS();
      expect(row[name]).toBe('a');
      expect(statements.size).toBeLessThanOrEqual(2);
    }
    // 'b' was the least recently used when 'c' came, so it went; 'a' stayed.
    expect(prepared).toEqual([byKey('a'), byKey('b'), byKey('c')]);
    await statements.run(byKey('b'), [1]);
    expect(prepared).toEqual([byKey('a'), byKey('b'), byKey('c'), byKey('b')]);
  });

  it('answers from the table as it is now after another connection changed it', async () => {
    const statements = new KeptStatements(reader);
    const sql = 'SELECT * FROM t WHERE k > ? ORDER BY k';
    expect((await statements.run(sql, [2])).getRowObjectsJS()).toEqual([{ k: 3, v: 'c' }]);
    await writer.run('ALTER TABLE t ADD COLUMN w INTEGER');
    await writer.run("INSERT INTO t VALUES (4, 'd', 40)");
    expect((await statements.run(sql, [2])).getRowObjectsJS()).toEqual([
      { k: 3, v: 'c', w: null },
      { k: 4, v: 'd', w: 40 },
    ]);
  });

  it('runs SQL without parameters as it is, keeping nothing', async () => {
    const statements = new KeptStatements(reader);
    expect((await statements.run('SELECT count(*)::INTEGER AS n FROM t', [])).getRowObjectsJS()).toEqual([{ n: 3 }]);
    expect(prepared).toEqual([]);
    expect(statements.size).toBe(0);
  });

  it('keeps a statement whose run failed on its parameters, and it answers the next run', async () => {
    const statements = new KeptStatements(reader);
    const sql = 'SELECT v FROM t WHERE regexp_matches(v, ?) ORDER BY k';
    await expect(statements.run(sql, ['('])).rejects.toThrow(/Invalid Input Error/);
    expect(await values(statements, sql, ['^[ab]$'])).toEqual(['a', 'b']);
    expect(prepared).toEqual([sql]);
  });
});
