import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import * as fs from 'node:fs';
import { AppConfig } from '../config/app-config';
import { IngestService } from '../ingest/ingest.service';
import { FILE_CHUNK_RECORDS, MAX_REPORTED_ERRORS } from '../ingest/pipeline/ingest-job';
import { IngestRunner } from '../ingest/pipeline/ingest-runner';
import { LogWriteStore } from '../logs/log-write-store';
import { JobInterrupted, JobQueue } from '../platform/queue/job-queue';
import { FileStore } from './file-store';
import { LogFile } from './file-types';
import { openWatchedFile } from './watched-file';

class Cancelled extends Error {}

/** The job queue of file ingest; a job's id is the file's id. */
export const FILE_INGEST_QUEUE = 'file-ingest';

interface FileJob {
  tenantId: string;
  fileId: string;
}

/**
 * Processes registered files in the background, one at a time per process, through the job
 * queue (in process on the embedded default; bullmq on Redis, so with several processes each
 * file is ingested by exactly one of them): streams each file from disk in chunks, commits
 * every chunk durably and records progress. A file found half-done (a crash, or a process
 * that died with the job) is started again after its partial records are removed.
 */
@Injectable()
export class FileIngestService implements OnModuleInit {
  private readonly logger = new Logger(FileIngestService.name);
  private readonly cancelled = new Set<string>();
  /** The file this process is ingesting now. */
  private processing: { id: string; done: Promise<void> } | null = null;
  private stopping = false;

  constructor(
    private readonly files: FileStore,
    private readonly runner: IngestRunner,
    private readonly ingest: IngestService,
    private readonly logs: LogWriteStore,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.process<FileJob>(FILE_INGEST_QUEUE, (job) => this.run(job.data));
  }

  /** Queues again every file a previous run left pending or processing (a no-op for a job that still exists). */
  async resumeUnfinished(): Promise<void> {
    for (const file of await this.files.listUnfinished()) await this.queue(file);
  }

  enqueue(file: LogFile): void {
    void this.queue(file).catch((err) => this.logger.error(`Could not queue ${file.originalName}: ${(err as Error).message}`));
  }

  private queue(file: LogFile): Promise<void> {
    return this.jobs.add<FileJob>(FILE_INGEST_QUEUE, file.id, { tenantId: file.tenantId, fileId: file.id });
  }

  /** Resolves when this process has no file waiting or being processed. */
  async whenIdle(): Promise<void> {
    await this.jobs.whenIdle(FILE_INGEST_QUEUE);
  }

  /**
   * Stops a file that is waiting or being processed here; its committed records are for the
   * caller to remove. Waits for that file only, not for the rest of the queue. A file being
   * processed by another process stops at its next chunk, once its record is gone.
   */
  async cancel(tenantId: string, id: string): Promise<void> {
    if (await this.jobs.remove(FILE_INGEST_QUEUE, id)) return;
    const running = this.processing;
    if (running?.id !== id) return;
    this.cancelled.add(id);
    await running.done;
    this.cancelled.delete(id);
    void tenantId;
  }

  /** Stops the file being processed at its next chunk; it is resumed by the next process to run. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.processing?.done;
  }

  private async run({ tenantId, fileId }: FileJob): Promise<void> {
    if (this.stopping) throw new JobInterrupted();
    const file = await this.files.get(tenantId, fileId);
    // Deleted meanwhile, or finished by an earlier delivery of the same job.
    if (!file || file.status === 'completed' || file.status === 'failed') return;
    if (file.status === 'processing') {
      const removed = await this.logs.deleteByFile(tenantId, fileId);
      if (removed > 0) this.logger.warn(`Removed ${removed} partial records of ${file.originalName}; ingesting it again`);
      await this.files.updateProgress(tenantId, fileId, { status: 'pending', accepted: 0, rejected: 0, errors: [], bytesProcessed: 0, linesTotal: 0 });
    }
    const done = this.process(file);
    this.processing = { id: fileId, done };
    try {
      await done;
    } finally {
      this.processing = null;
    }
    if (this.stopping && !this.cancelled.has(fileId)) {
      const now = await this.files.get(tenantId, fileId);
      if (now?.status === 'processing') throw new JobInterrupted();
    }
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
        rule: file.options.rule,
        labelFilename: true,
        defaults: { service: file.options.service, environment: file.options.environment },
      });
      // A watched file is read through the descriptor opened and checked against the scan.
      const opened = file.source === 'watch' ? openWatchedFile(file, this.config.uploadsDir) : null;
      try {
        await this.runner.runFile(opened?.readPath ?? file.storedPath, options, FILE_CHUNK_RECORDS, async (chunk) => {
          if (this.cancelled.has(id) || this.stopping || !(await this.files.get(tenantId, id))) {
            fs.rmSync(chunk.path, { force: true });
            throw new Cancelled();
          }
          await this.ingest.commit(tenantId, chunk, file.source === 'upload' ? 'upload' : 'watched_folder');
          totals.accepted += chunk.accepted;
          totals.rejected += chunk.rejected;
          for (const e of chunk.errors) if (totals.errors.length < MAX_REPORTED_ERRORS) totals.errors.push(e);
          await this.files.updateProgress(tenantId, id, { ...totals, format: chunk.format, linesTotal: chunk.lines, bytesProcessed: chunk.bytes });
        });
      } finally {
        opened?.close();
      }
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
