import { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidQueryError } from '../query/invalid-query-error';
import { ReadGate } from './read-gate';
import { ADDED_COLUMNS, CREATE_LOGS_TABLE, FILL_RECORD_BYTES, LAYOUT_MARKER_COLUMN, LOGS_TABLE } from './duckdb-schema';
import { TokenIndexMode } from '../../config/app-config';
import { DuckDbTokenIndex } from './duckdb-token-index';
import { KeptStatements } from './kept-statements';

/** DuckDB's `late_materialization_max_rows`: the deepest top-N that reads whole rows for its chosen ones only. */
export const LATE_MATERIALIZED_ROWS = 1_000;

export interface DuckDbOptions {
  /** Read queries run at once, each on its own connection besides the writer (default 2). */
  readConcurrency?: number;
  /**
   * DuckDB's `memory_limit` (buffer pool), such as '512MB'. Without one DuckDB takes 80% of
   * the machine's memory for its caches (docs/decisions/0007).
   */
  memoryLimit?: string;
  /**
   * DuckDB's `checkpoint_threshold` (WAL size that triggers a checkpoint), such as '64MB'.
   * A checkpoint writes the rows since the last one as new row groups; DuckDB's 16 MB
   * default makes row groups of ~55k of the 122,880 rows they hold (docs/decisions/0170).
   */
  checkpointThreshold?: string;
  /**
   * Milliseconds without a commit after which the rows still only in the WAL are
   * checkpointed into the file (default 2000; 0 = never, DuckDB's threshold only).
   * docs/decisions/0171.
   */
  idleCheckpointMs?: number;
  /** What the token index holds (default 'off', docs/decisions/0130). */
  tokenIndex?: TokenIndexMode;
}

export type Row = Record<string, unknown>;

/**
 * The DuckDB file that holds the logs. One process owns it read-write. Writes go through
 * one connection (one transaction at a time); reads run on a few others, through a gate
 * that bounds how many run at once and holds them back while a commit runs, so searches
 * never starve ingest (docs/decisions/0015).
 */
export class DuckDbDatabase {
  private readonly idle: KeptStatements[];
  private readonly gate: ReadGate;
  private idleCheckpoint: NodeJS.Timeout | null = null;
  /**
   * The writer connection runs one caller's work at a time: a transaction holds it from BEGIN
   * to COMMIT, and a statement from elsewhere (a retention delete, the idle CHECKPOINT) waits
   * for it instead of landing inside it, where DuckDB refuses a CHECKPOINT and an error aborts
   * the ingest transaction. `holder` marks the async context of the work holding the writer,
   * whose own statements run at once.
   */
  private writerTurn: Promise<unknown> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<boolean>();
  private largestRecord = 0;
  /** The token index beside the logs table, maintained on the writer (docs/decisions/0130). */
  readonly tokens: DuckDbTokenIndex;

  private constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
    tokenIndex: TokenIndexMode,
    private readonly idleCheckpointMs: number,
  ) {
    this.idle = readers.map((connection) => new KeptStatements(connection));
    this.gate = new ReadGate(readers.length, 0);
    this.tokens = new DuckDbTokenIndex(
      (sql, params) => this.execute(sql, params),
      (sql, params = []) => this.queryOnWriter(sql, params),
      tokenIndex,
    );
  }

  /**
   * The largest `record_bytes` of any row written: measured at open, raised by each insert
   * before it commits (so no reader sees a row larger than it says). Deletes leave it as it
   * was, an upper bound. A page whose rows fit FETCH_BYTES by it is read in one query.
   */
  get largestRecordBytes(): number {
    return this.largestRecord;
  }

  /**
   * Raises largestRecordBytes by the rows of `block` (one commit's insert; read on the
   * writer, so inside its transaction) or, without one, of the whole table.
   */
  async measureLargestRecord(block?: number): Promise<void> {
    const where = block === undefined ? '' : ` WHERE block_id = ${Math.floor(block)}`;
    const [row] = await this.queryOnWriter(`SELECT coalesce(max(record_bytes), 0)::DOUBLE AS b FROM ${LOGS_TABLE}${where}`);
    this.largestRecord = Math.max(this.largestRecord, Number(row.b));
  }

  /** A read on the writer: inside a transaction, it sees the transaction's own rows. */
  private queryOnWriter(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.onWriter(async () => (await this.writer.runAndReadAll(sql, params as DuckDBValue[])).getRowObjectsJS() as Row[]);
  }

  static async open(file: string, options: DuckDbOptions = {}): Promise<DuckDbDatabase> {
    const readers = Math.max(1, options.readConcurrency ?? 2);
    const settings: Record<string, string> = {
      // New files in the newest storage format: its string compression stores the bench
      // data in ~7% less space (docs/decisions/0007). Existing files keep their format.
      storage_compatibility_version: 'latest',
      // No row-group merging at checkpoints: with it, a checkpoint after an upload's large
      // commits rewrote most of the table (1.5 s commit stalls) and left the old blocks free
      // in the file (~20% of it at 600k records). Row groups that a delete empties are still
      // dropped (docs/decisions/0007).
      max_vacuum_tasks: '0',
      // jemalloc's background threads hand freed memory back to the OS while the process is
      // idle: RSS after an ingest fell from ~174 to ~119 MB within seconds (docs/decisions/0171).
      allocator_background_threads: 'true',
      // A top-N of up to this many rows sorts their keys and row ids, then reads the other
      // columns of the chosen rows only (DuckDB's default: 50). A search page of 100 read
      // every column of every row in its range before (decision 0174).
      late_materialization_max_rows: String(LATE_MATERIALIZED_ROWS),
    };
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.checkpointThreshold) settings.checkpoint_threshold = options.checkpointThreshold;
    if (file !== ':memory:') {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Spill files of queries and loads larger than memory_limit stay in the data dir.
      settings.temp_directory = `${file}.tmp`;
    }
    const instance = await DuckDBInstance.create(file, settings);
    const writer = await instance.connect();
    await writer.run(CREATE_LOGS_TABLE);
    const marker = await writer.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE table_name = '${LOGS_TABLE}' AND column_name = '${LAYOUT_MARKER_COLUMN}'`,
    );
    if (Number(marker.getRowObjectsJS()[0].n) === 0) {
      writer.closeSync();
      instance.closeSync();
      throw new Error(`${file} holds logs in the layout of an older Lognest version; move it away to start with an empty log store`);
    }
    for (const sql of ADDED_COLUMNS) await writer.run(sql);
    await writer.run(FILL_RECORD_BYTES);
    const pool = await Promise.all(Array.from({ length: readers }, () => instance.connect()));
    const db = new DuckDbDatabase(file, instance, writer, pool, options.tokenIndex ?? 'off', file === ':memory:' ? 0 : (options.idleCheckpointMs ?? 2000));
    await db.measureLargestRecord();
    await db.tokens.open();
    return db;
  }

  query(sql: string, params: unknown[] = []): Promise<Row[]> {
    // The gate admits at most one read per connection, so one is always idle here.
    return this.gate.read(async () => {
      const reader = this.idle.pop()!;
      try {
        return await this.runRead(reader, sql, params);
      } finally {
        this.idle.push(reader);
      }
    });
  }

  private async runRead(reader: KeptStatements, sql: string, params: unknown[]): Promise<Row[]> {
    try {
      return (await reader.run(sql, params as DuckDBValue[])).getRowObjectsJS() as Row[];
    } catch (err) {
      // Values of a query reach DuckDB only as parameters; an input error is the user's
      // (such as a regular expression RE2 cannot compile), not the server's.
      const message = String((err as { message?: unknown })?.message ?? err);
      if (message.startsWith('Invalid Input Error:')) throw new InvalidQueryError(message.slice(20).trim());
      throw err;
    }
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    return this.onWriter(() =>
      this.gate.write(async () => {
        const result = await this.writer.run(sql, params as DuckDBValue[]);
        return Number(result.rowsChanged);
      }),
    );
  }

  /** Runs `work` (statements through `execute`) in one transaction on the writer. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const result = await this.onWriter(() =>
      this.gate.write(async () => {
        await this.execute('BEGIN TRANSACTION');
        try {
          const done = await work();
          await this.execute('COMMIT');
          return done;
        } catch (err) {
          await this.execute('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    );
    this.checkpointWhenIdle();
    return result;
  }

  /**
   * Writes the WAL's rows into the file, on the writer once it is free, without holding reads
   * back: DuckDB runs reads beside a checkpoint, and the gate holds them back for the commits
   * that answer ingest requests. Through the gate, a 100k-record WAL's idle checkpoint stalled
   * every search ~0.2 s (up to ~1 s for a full WAL; docs/decisions/0171).
   */
  checkpoint(): Promise<void> {
    return this.onWriter(async () => void (await this.writer.run('CHECKPOINT')));
  }

  /** Runs `run` when the writer is free (at once inside the work that holds it), holding it meanwhile. */
  private onWriter<T>(run: () => Promise<T>): Promise<T> {
    if (this.holder.getStore()) return run();
    const turn = this.writerTurn.then(() => this.holder.run(true, run));
    this.writerTurn = turn.catch(() => undefined);
    return turn;
  }

  /**
   * (Re)arms the idle checkpoint: once no commit came for idleCheckpointMs, the WAL's rows go
   * into the file and the WAL is emptied, so a burst of ingest does not leave up to
   * checkpoint_threshold of WAL on disk and its rows in memory (docs/decisions/0171).
   * A failure only means DuckDB's own threshold or the next idle period does it.
   */
  private checkpointWhenIdle(): void {
    if (this.idleCheckpointMs <= 0) return;
    if (this.idleCheckpoint) clearTimeout(this.idleCheckpoint);
    // Outside any holder's context, so it waits for the writer like any other caller.
    this.idleCheckpoint = this.holder.exit(() =>
      setTimeout(() => {
        this.idleCheckpoint = null;
        this.checkpoint().catch(() => undefined);
      }, this.idleCheckpointMs),
    );
    this.idleCheckpoint.unref();
  }

  sizeOnDisk(): number {
    if (this.file === ':memory:') return 0;
    return [this.file, `${this.file}.wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  }

  close(): void {
    if (this.idleCheckpoint) clearTimeout(this.idleCheckpoint);
    this.idleCheckpoint = null;
    for (const c of [this.writer, ...this.readers]) c.closeSync();
    this.instance.closeSync();
  }
}
