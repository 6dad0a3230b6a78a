/**
 * Bounds how many read queries run in DuckDB at once, first come first served. Each DuckDB
 * query already uses every core and holds one of libuv's four pool threads while it runs;
 * twenty searches started together left the writer's commit (and the spool file I/O on the
 * same pool) waiting behind them: ingest fell from thousands to 155 records/s and each bulk
 * took seconds (docs/decisions/0015). Waiting here costs nothing: a queued read holds no
 * thread. While a write transaction runs, fewer reads are let in, so the commit that
 * answers ingest requests gets the cores first.
 */
export class ReadGate {
  private active = 0;
  private writing = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly idleLimit: number,
    private readonly whileWritingLimit = Math.max(1, Math.floor(idleLimit / 2)),
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async read<T>(run: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit()) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await run();
    } finally {
      this.active--;
      this.admit();
    }
  }

  /** Marks a write transaction for its whole duration (reads are throttled meanwhile). */
  async write<T>(run: () => Promise<T>): Promise<T> {
    this.writing++;
    try {
      return await run();
    } finally {
      this.writing--;
      this.admit();
    }
  }

  private limit(): number {
    return this.writing > 0 ? this.whileWritingLimit : this.idleLimit;
  }

  private admit(): void {
    while (this.waiting.length > 0 && this.active < this.limit()) {
      this.active++;
      this.waiting.shift()!();
    }
  }
}
