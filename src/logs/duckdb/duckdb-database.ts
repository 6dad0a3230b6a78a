import { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidQueryError } from '../query/invalid-query-error';
import { CREATE_LOGS_TABLE } from './duckdb-schema';

export type Row = Record<string, unknown>;

/**
 * The DuckDB file that holds the logs. One process owns it read-write. Writes go through
 * one connection (one transaction at a time); reads round-robin over a few others so a
 * long write never blocks a search.
 */
export class DuckDbDatabase {
  private nextReader = 0;

  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
  ) {}

  static async open(file: string, readers = 3): Promise<DuckDbDatabase> {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file);
    const writer = await instance.connect();
    await writer.run(CREATE_LOGS_TABLE);
    const pool = await Promise.all(Array.from({ length: readers }, () => instance.connect()));
    return new DuckDbDatabase(file, instance, writer, pool);
  }

  async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    const connection = this.readers[this.nextReader++ % this.readers.length];
    try {
      const reader = await connection.runAndReadAll(sql, params as DuckDBValue[]);
      return reader.getRowObjectsJS() as Row[];
    } catch (err) {
      // Values of a query reach DuckDB only as parameters; an input error is the user's
      // (such as a regular expression RE2 cannot compile), not the server's.
      const message = String((err as { message?: unknown })?.message ?? err);
      if (message.startsWith('Invalid Input Error:')) throw new InvalidQueryError(message.slice(20).trim());
      throw err;
    }
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    const result = await this.writer.run(sql, params as DuckDBValue[]);
    return Number(result.rowsChanged);
  }

  sizeOnDisk(): number {
    if (this.file === ':memory:') return 0;
    return [this.file, `${this.file}.wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  }

  close(): void {
    for (const c of [this.writer, ...this.readers]) c.closeSync();
    this.instance.closeSync();
  }
}
