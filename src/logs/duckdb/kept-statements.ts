import { DuckDBConnection, DuckDBPreparedStatement, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';

/** How many prepared statements a reader connection keeps, by SQL text (a search runs one or two shapes). */
export const STATEMENTS_KEPT = 64;

/**
 * One reader connection and the statements it prepared, by SQL text, least recently used out
 * (docs/decisions/0175). Running SQL with parameters made DuckDB parse, bind and plan it
 * every time, 0.3–0.5 ms of a 2–5 ms search query; the read store's SQL carries every value
 * as a parameter, so the same shape of search is the same text. DuckDB binds a kept
 * statement again by itself when a table it reads changed. The read gate lets one query at
 * a time onto a connection, so a kept statement is never bound by two callers at once.
 */
export class KeptStatements {
  private readonly kept = new Map<string, DuckDBPreparedStatement>();

  constructor(
    readonly connection: DuckDBConnection,
    private readonly limit = STATEMENTS_KEPT,
  ) {}

  get size(): number {
    return this.kept.size;
  }

  async run(sql: string, params: DuckDBValue[]): Promise<DuckDBResultReader> {
    if (params.length === 0) return this.connection.runAndReadAll(sql);
    let statement = this.kept.get(sql);
    if (statement) {
      this.kept.delete(sql);
    } else {
      statement = await this.connection.prepare(sql);
    }
    this.kept.set(sql, statement);
    if (this.kept.size > this.limit) this.forgetOldest();
    statement.bind(params);
    return statement.runAndReadAll();
  }

  private forgetOldest(): void {
    const [sql, statement] = this.kept.entries().next().value as [string, DuckDBPreparedStatement];
    this.kept.delete(sql);
    statement.destroySync();
  }
}
