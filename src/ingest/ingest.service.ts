import { Injectable } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { InputFormat, LineError } from '../files/file-types';
import { IngestJobOptions, PreparedChunk } from './pipeline/ingest-job';
import { IngestRunner } from './pipeline/ingest-runner';
import { LogWriter } from './pipeline/log-writer';
import { IngestMetrics } from './ingest-metrics';
import { PatternAssigner } from '../patterns/pattern-assigner';

export interface IngestResult {
  accepted: number;
  rejected: number;
  errors: LineError[];
  ids: string[];
}

/** HTTP ingest: parse and normalize a request body, then commit it durably. */
@Injectable()
export class IngestService {
  constructor(
    private readonly config: AppConfig,
    private readonly runner: IngestRunner,
    private readonly writer: LogWriter,
    private readonly metrics: IngestMetrics,
    private readonly patterns: PatternAssigner,
  ) {}

  jobOptions(tenantId: string, format: InputFormat, extra: Partial<IngestJobOptions> = {}): IngestJobOptions {
    return { tenantId, fileId: null, format, spoolDir: path.join(this.config.dataDir, 'spool'), ...extra };
  }

  /** Parses `body` in the given format; resolves once every accepted record is durable. */
  async ingestBody(
    tenantId: string,
    body: Buffer,
    format: InputFormat,
    keepIds = false,
    options: { job?: Partial<IngestJobOptions>; input?: string } = {},
  ): Promise<IngestResult> {
    this.writer.assertCapacity();
    const chunk = await this.runner.runBody(body, this.jobOptions(tenantId, format, options.job), keepIds);
    return this.commit(tenantId, chunk, options.input ?? 'http');
  }

  /** Commits a parsed chunk; `input` names where it came from in the ingest metrics. */
  async commit(tenantId: string, chunk: PreparedChunk, input: string): Promise<IngestResult> {
    await this.writer.submit({ tenantId, path: chunk.path, count: chunk.accepted, oldestTimestamp: chunk.oldestTimestamp ?? undefined, live: chunk.live });
    this.metrics.counted(input, chunk.accepted, chunk.rejected);
    this.patterns.counted(tenantId, chunk.patterns);
    return { accepted: chunk.accepted, rejected: chunk.rejected, errors: chunk.errors, ids: chunk.ids };
  }
}
