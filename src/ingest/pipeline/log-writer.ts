import * as fs from 'node:fs';
import { LogWriteStore, SpooledBatch } from '../../logs/log-write-store';
import { EventBus } from '../../platform/events/event-bus';

export class WriterSaturatedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The log writer is saturated; retry later');
  }
}

interface Waiting {
  batch: SpooledBatch;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: batches submitted while a commit runs are committed together by the next
 * one, so concurrent requests share one transaction and nothing is committed row by row.
 * A submit resolves once its records are durable; its spool file is then removed.
 */
export class LogWriter {
  private queue: Waiting[] = [];
  private queuedRecords = 0;
  private running = false;
  private lastCommitMs = 100;

  constructor(
    private readonly store: LogWriteStore,
    private readonly events: EventBus,
    private readonly queueLimit: number,
  ) {}

  /** Throws WriterSaturatedError when accepting `records` more would exceed the queue limit. */
  assertCapacity(records = 0): void {
    if (this.queuedRecords > 0 && this.queuedRecords + records > this.queueLimit) {
      throw new WriterSaturatedError(Math.max(1, Math.ceil((this.lastCommitMs * 2) / 1000)));
    }
  }

  get pendingRecords(): number {
    return this.queuedRecords;
  }

  submit(batch: SpooledBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.queuedRecords += batch.count;
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      const started = Date.now();
      try {
        await this.store.appendSpooled(group.map((w) => w.batch));
        this.lastCommitMs = Date.now() - started;
        this.announce(group.map((w) => w.batch));
        group.forEach((w) => w.resolve());
      } catch (err) {
        group.forEach((w) => w.reject(err));
      } finally {
        for (const w of group) {
          this.queuedRecords -= w.batch.count;
          fs.rm(w.batch.path, { force: true }, () => undefined);
        }
      }
    }
    this.running = false;
  }

  private announce(batches: SpooledBatch[]): void {
    const perTenant = new Map<string, number>();
    for (const b of batches) perTenant.set(b.tenantId, (perTenant.get(b.tenantId) ?? 0) + b.count);
    for (const [tenantId, count] of perTenant) {
      if (count > 0) this.events.publish({ type: 'logs.ingested', tenantId, count });
    }
  }
}
