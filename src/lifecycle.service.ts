import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuthService } from './auth/auth.service';
import { AppConfig } from './config/app-config';
import { FileIngestService } from './files/file-ingest.service';
import { WatchedFolderService } from './files/watched-folder.service';
import { InputListeners } from './ingest/inputs/input-listeners';
import { IngestRunner } from './ingest/pipeline/ingest-runner';
import { DuckDbDatabase } from './logs/duckdb/duckdb-database';
import { SqliteDatabase } from './platform/metadata/sqlite-database';
import { JobQueue } from './platform/queue/job-queue';
import { PatternAssigner } from './patterns/pattern-assigner';

/** Start-up and shut-down order across modules. */
@Injectable()
export class LifecycleService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Lognest');

  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly fileIngest: FileIngestService,
    private readonly watcher: WatchedFolderService,
    private readonly runner: IngestRunner,
    private readonly inputs: InputListeners,
    private readonly duck: DuckDbDatabase,
    private readonly sqlite: SqliteDatabase,
    private readonly jobs: JobQueue,
    private readonly patterns: PatternAssigner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Spool files never acknowledged to a client: their requests got no 2xx, so drop them.
    fs.rmSync(path.join(this.config.dataDir, 'spool'), { recursive: true, force: true });
    await this.auth.bootstrap();
    await this.fileIngest.resumeUnfinished();
    this.watcher.start();
    await this.inputs.start();
    this.logger.log(`Data in ${this.config.dataDir}; watching ${this.config.uploadsDir}`);
  }

  /** Drain work first: every module's connections (Redis too) are still open here. */
  async beforeApplicationShutdown(): Promise<void> {
    this.watcher.stop();
    await this.inputs.stop();
    await this.fileIngest.stop();
    await this.jobs.close();
    await this.runner.close();
    await this.patterns.settled();
  }

  async onApplicationShutdown(): Promise<void> {
    this.duck.close();
    this.sqlite.close();
  }
}
