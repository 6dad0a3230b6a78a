import { Injectable } from '@nestjs/common';
import * as fs from 'node:fs';
import { LogWriteStore } from '../logs/log-write-store';
import { EventBus } from '../platform/events/event-bus';
import { newId } from '../platform/ids';
import { DuplicateFileError } from './content-hash';
import { FileIngestService } from './file-ingest.service';
import { FileStore } from './file-store';
import { FileOptions, LogFile } from './file-types';

export interface NewFile {
  tenantId: string;
  originalName: string;
  storedPath: string;
  size: number;
  source: LogFile['source'];
  sourceKey?: string;
  uploadedBy: string;
  description?: string | null;
  options: FileOptions;
  /** Uploads: the bytes' SHA-256; another file of the tenant with it is refused unless allowDuplicate. */
  contentHash?: string;
  allowDuplicate?: boolean;
}

/** The files of a tenant: register, list, inspect, delete with their logs. */
@Injectable()
export class FilesService {
  constructor(
    private readonly files: FileStore,
    private readonly ingest: FileIngestService,
    private readonly logs: LogWriteStore,
    private readonly events: EventBus,
  ) {}

  /** Throws DuplicateFileError when the tenant has a file with the same content (and no duplicate is allowed). */
  async register(input: NewFile): Promise<LogFile> {
    if (input.contentHash !== undefined && !input.allowDuplicate) {
      const earlier = await this.files.findByContentHash(input.tenantId, input.contentHash);
      if (earlier) throw new DuplicateFileError(earlier);
    }
    const file: LogFile = {
      id: newId(),
      tenantId: input.tenantId,
      originalName: input.originalName,
      storedPath: input.storedPath,
      source: input.source,
      sourceKey: input.sourceKey ?? null,
      format: input.options.format,
      size: input.size,
      status: 'pending',
      linesTotal: 0,
      bytesProcessed: 0,
      accepted: 0,
      rejected: 0,
      errors: [],
      failure: null,
      options: input.options,
      uploadedBy: input.uploadedBy,
      uploadDate: Date.now(),
      completedAt: null,
      description: input.description ?? null,
      ...(input.contentHash !== undefined ? { contentHash: input.contentHash } : {}),
    };
    await this.files.create(file);
    this.ingest.enqueue(file);
    return file;
  }

  list(tenantId: string, page: number, perPage: number) {
    return this.files.list(tenantId, (page - 1) * perPage, perPage);
  }

  get(tenantId: string, id: string): Promise<LogFile | null> {
    return this.files.get(tenantId, id);
  }

  /** Removes the file, from disk too, and every record that came from it. False when unknown. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    const file = await this.files.get(tenantId, id);
    if (!file) return false;
    await this.remove(file);
    return true;
  }

  /** Every file of a (deleted) tenant, as `delete` removes one; answers how many files and records. */
  async deleteAll(tenantId: string): Promise<{ files: number; logs: number }> {
    const removed = { files: 0, logs: 0 };
    for (;;) {
      const { files } = await this.files.list(tenantId, 0, 200);
      if (files.length === 0) return removed;
      for (const file of files) {
        removed.logs += await this.remove(file);
        removed.files++;
      }
    }
  }

  private async remove(file: LogFile): Promise<number> {
    await this.ingest.cancel(file.tenantId, file.id);
    const count = await this.logs.deleteByFile(file.tenantId, file.id);
    await this.files.delete(file.tenantId, file.id);
    fs.rmSync(file.storedPath, { force: true });
    if (count > 0) this.events.publish({ type: 'logs.deleted', tenantId: file.tenantId, count });
    return count;
  }
}
