import { WriterSaturatedError } from '../../pipeline/log-writer';
import { InputCounters } from '../input-stats';
import { InputWriter } from '../input-writer';

export interface BatcherOptions {
  /** Records per write. */
  maxRecords: number;
  /** Longest a record waits for its batch to fill. */
  maxDelayMs: number;
  /** Writes at once; with that many running the batcher is full and its sources pause. */
  maxInFlight: number;
}

const DEFAULTS: BatcherOptions = { maxRecords: 5000, maxDelayMs: 20, maxInFlight: 3 };
const MAX_STORE_ATTEMPTS = 3;

/**
 * Gathers a listener's records (NDJSON lines) into batches for the writer. Bounded: while
 * `full`, the listener stops reading its sockets, and a saturated writer keeps the batcher
 * full (retrying after its Retry-After) instead of growing a queue.
 */
export class RecordBatcher {
  private lines: string[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<void>>();
  private readonly resumeListeners: (() => void)[] = [];
  private readonly options: BatcherOptions;

  constructor(
    private readonly writer: InputWriter,
    private readonly counters: InputCounters,
    private readonly tenantId: string,
    options: Partial<BatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  get full(): boolean {
    return this.inFlight >= this.options.maxInFlight;
  }

  /** Records waiting for a write slot. */
  get pending(): number {
    return this.lines.length;
  }

  onResume(listener: () => void): void {
    this.resumeListeners.push(listener);
  }

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= this.options.maxRecords) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
  }

  /** Writes what is left and waits for every running write. */
  async close(): Promise<void> {
    while (this.lines.length > 0 || this.running.size > 0) {
      this.flush();
      await Promise.race(this.running);
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.lines.length === 0 || this.full) return;
    const batch = this.lines.splice(0, this.options.maxRecords);
    this.inFlight++;
    const write = this.write(batch).finally(() => {
      this.inFlight--;
      this.running.delete(write);
      if (this.lines.length > 0) this.flush();
      if (!this.full) this.resumeListeners.forEach((resume) => resume());
    });
    this.running.add(write);
  }

  private async write(batch: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writer.write(this.counters, this.tenantId, batch);
        return;
      } catch (err) {
        if (err instanceof WriterSaturatedError) {
          await sleep(Math.min(1000, err.retryAfterSeconds * 1000));
          continue;
        }
        if (attempt >= MAX_STORE_ATTEMPTS) {
          this.counters.reject('write failed', batch.length, (err as Error).message);
          return;
        }
        await sleep(200 * attempt);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
