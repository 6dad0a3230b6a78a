import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import { IngestService } from '../ingest/ingest.service';
import { FILE_CHUNK_RECORDS, MAX_REPORTED_ERRORS } from '../ingest/pipeline/ingest-job';
import { IngestRunner } from '../ingest/pipeline/ingest-runner';
import { LogWriteStore } from '../logs/log-write-store';
import { FileStore } from './file-store';
import { LogFile } from './file-types';

class Cancelled extends Error {}

/**
 * Processes registered files one at a time in the background: streams each from disk in
 * chunks, commits every chunk durably and records progress. A file left half-done by a
 * crash is started again after its partial records are removed.
 */
@Injectable()
export class FileIngestService {
  private readonly logger = new Logger(FileIngestService.name);
  private readonly queue: LogFile[] = [];
  private readonly cancelled = new Set<string>();
  /** The queue's drain, while it runs. */
  private current: Promise<void> | null = null;
  /** The file being processed now. */
  private processing: { id: string; done: Promise<void> } | null = null;
  private stopping = false;

  constructor(
    private readonly files: FileStore,
    private readonly runner: IngestRunner,
    private readonly ingest: IngestService,
    private readonly logs: LogWriteStore,
  ) {}

  async resumeUnfinished(): Promise<void> {
    for (const file of await this.files.listUnfinished()) {
      const removed = await this.logs.deleteByFile(file.tenantId, file.id);
      if (removed > 0) this.logger.warn(`Removed ${removed} partial records of ${file.originalName}; ingesting it again`);
      await this.files.updateProgress(file.tenantId, file.id, { status: 'pending', accepted: 0, rejected: 0, errors: [], bytesProcessed: 0, linesTotal: 0 });
      this.enqueue(file);
    }
  }

  enqueue(file: LogFile): void {
    this.queue.push(file);
    this.current ??= this.drain();
  }

  /** Resolves when no file is waiting or being processed. */
  async whenIdle(): Promise<void> {
    await this.current;
  }

  /**
   * Stops a file that is waiting or being processed; its committed records are for the
   * caller to remove. Waits for that file only, not for the rest of the queue.
   */
  async cancel(tenantId: string, id: string): Promise<void> {
    const waiting = this.queue.findIndex((f) => f.id === id && f.tenantId === tenantId);
    if (waiting >= 0) this.queue.splice(waiting, 1);
    const running = this.processing;
    if (running?.id !== id) return;
    this.cancelled.add(id);
    await running.done;
    this.cancelled.delete(id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.queue.length = 0;
    await this.current;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopping) {
      const file = this.queue.shift()!;
      const done = this.process(file);
      this.processing = { id: file.id, done };
      await done;
      this.processing = null;
    }
    this.current = null;
  }

  private async process(file: LogFile): Promise<void> {
    const { tenantId, id } = file;
    const totals = { accepted: 0, rejected: 0, errors: [] as LogFile['errors'] };
    try {
      if (!fs.existsSync(file.storedPath)) throw new Error('the file is no longer on disk');
      await this.files.updateProgress(tenantId, id, { status: 'processing' });
      const options = this.ingest.jobOptions(tenantId, file.format, {
        fileId: id,
        filename: file.originalName,
        delimiter: file.options.delimiter,
        timestampField: file.options.timestampField,
        defaults: { service: file.options.service, environment: file.options.environment },
      });
      await this.runner.runFile(file.storedPath, options, FILE_CHUNK_RECORDS, async (chunk) => {
        if (this.cancelled.has(id) || this.stopping) {
          fs.rmSync(chunk.path, { force: true });
          throw new Cancelled();
        }
        await this.ingest.commit(tenantId, chunk, file.source === 'upload' ? 'upload' : 'watched_folder');
        totals.accepted += chunk.accepted;
        totals.rejected += chunk.rejected;
        for (const e of chunk.errors) if (totals.errors.length < MAX_REPORTED_ERRORS) totals.errors.push(e);
        await this.files.updateProgress(tenantId, id, { ...totals, format: chunk.format, linesTotal: chunk.lines, bytesProcessed: chunk.bytes });
      });
      await this.files.updateProgress(tenantId, id, { status: 'completed', bytesProcessed: file.size, completedAt: Date.now() });
      // The records are stored; a second copy of an uploaded file would double the disk
      // used (docs/decisions/0006). Files of the watched folder belong to their owner.
      if (file.source === 'upload') fs.rmSync(file.storedPath, { force: true });
    } catch (err) {
      if (err instanceof Cancelled) return;
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.error(`Ingest of ${file.originalName} failed: ${reason}`);
      await this.files.updateProgress(tenantId, id, { status: 'failed', failure: reason, completedAt: Date.now() });
    }
  }
}
