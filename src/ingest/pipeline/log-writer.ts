import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import { LogWriteStore, SpooledBatch } from '../../logs/log-write-store';
import { EventBus } from '../../platform/events/event-bus';
import { CommittedBatch, CommittedRecordsPublisher } from './committed-records-publisher';

export class WriterSaturatedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('The log writer is saturated; retry later');
  }
}

/**
 * A batch the store refused. The message is the same whatever the cause: the store's own
 * error names spool files and is logged, not shown to the sender (issue 14).
 */
export class CommitFailedError extends Error {
  constructor(cause: unknown) {
    super('The records could not be stored; none of this batch was kept', { cause });
  }
}

interface Waiting {
  batch: CommittedBatch;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: batches submitted while a commit runs are committed together by the next
 * one, so concurrent requests share one transaction and nothing is committed row by row.
 * A submit resolves once its records are durable; its spool file is then removed. When a
 * group fails, each of its batches is retried alone, so one bad batch fails only its sender.
 *
 * After each commit it publishes `logs.ingested` (counts) and, for tenants with listeners,
 * `logs.committed` (the records, read back from the spool files; the live tail and alerts
 * depend on it). Keep that hook when reshaping the commit path: it must run after the
 * callers are answered, must not delay the next commit, and needs each committed batch's
 * records (from its spool file or otherwise) — see docs/decisions/0026-committed-batches.md.
 */
export class LogWriter {
  private readonly logger = new Logger('LogWriter');
  private queue: Waiting[] = [];
  private queuedRecords = 0;
  private running = false;
  private lastCommitMs = 100;
  private readonly committed: CommittedRecordsPublisher;

  constructor(
    private readonly store: LogWriteStore,
    private readonly events: EventBus,
    private readonly queueLimit: number,
    /** Told each successful commit's duration and record count (the commit metrics). */
    private readonly onCommit: (ms: number, records: number) => void = () => undefined,
  ) {
    this.committed = new CommittedRecordsPublisher(events);
  }

  /** Throws WriterSaturatedError when accepting `records` more would exceed the queue limit. */
  assertCapacity(records = 0): void {
    if (this.queuedRecords > 0 && this.queuedRecords + records > this.queueLimit) {
      throw new WriterSaturatedError(Math.max(1, Math.ceil((this.lastCommitMs * 2) / 1000)));
    }
  }

  get pendingRecords(): number {
    return this.queuedRecords;
  }

  submit(batch: CommittedBatch): Promise<void> {
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
      await this.commitGroup(group);
    }
    this.running = false;
  }

  private async commitGroup(group: Waiting[]): Promise<void> {
    const failure = await this.commit(group);
    if (failure === undefined) return;
    if (group.length === 1) return this.fail(group[0], failure);
    for (const w of group) {
      const alone = await this.commit([w]);
      if (alone !== undefined) this.fail(w, alone);
    }
  }

  /** Commits and answers a group; returns the store's error instead, answering no one. */
  private async commit(group: Waiting[]): Promise<unknown> {
    const started = Date.now();
    try {
      await this.store.appendSpooled(group.map((w) => w.batch));
    } catch (err) {
      return err ?? new Error('commit failed');
    }
    this.lastCommitMs = Date.now() - started;
    this.onCommit(this.lastCommitMs, group.reduce((n, w) => n + w.batch.count, 0));
    const batches = group.map((w) => w.batch);
    this.announce(batches);
    for (const w of group) this.dequeue(w).resolve();
    // The live side reads the committed records from the spool files: remove them after.
    void this.committed.publish(batches).then(() => batches.forEach(removeSpoolFile));
    return undefined;
  }

  private fail(w: Waiting, err: unknown): void {
    this.logger.error(`Commit of ${w.batch.count} records of tenant ${w.batch.tenantId} failed: ${err instanceof Error ? err.message : String(err)}`);
    removeSpoolFile(this.dequeue(w).batch);
    w.reject(new CommitFailedError(err));
  }

  /** Releases a batch's place in the queue, before its sender hears. */
  private dequeue(w: Waiting): Waiting {
    this.queuedRecords -= w.batch.count;
    return w;
  }

  private announce(batches: SpooledBatch[]): void {
    // A batch of unknown age (-Infinity) makes its tenant's whole commit of unknown age.
    const perTenant = new Map<string, { count: number; oldest: number }>();
    for (const b of batches) {
      if (b.count === 0) continue;
      const t = perTenant.get(b.tenantId) ?? { count: 0, oldest: Infinity };
      perTenant.set(b.tenantId, { count: t.count + b.count, oldest: Math.min(t.oldest, b.oldestTimestamp ?? -Infinity) });
    }
    for (const [tenantId, { count, oldest }] of perTenant) {
      this.events.publish({ type: 'logs.ingested', tenantId, count, ...(Number.isFinite(oldest) ? { oldestTimestamp: oldest } : {}) });
    }
  }
}

function removeSpoolFile(batch: SpooledBatch): void {
  fs.rm(batch.path, { force: true }, () => undefined);
}
