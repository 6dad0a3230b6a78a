import { LogFile, FileProgress } from './file-types';

/** A file with this watched-folder source key is already registered. */
export class DuplicateSourceKeyError extends Error {
  constructor(readonly sourceKey: string) {
    super(`A file with source key ${sourceKey} is already registered`);
    this.name = 'DuplicateSourceKeyError';
  }
}

/** Ingested files. Every read and write is scoped to a tenant, except the start-up scans. */
export abstract class FileStore {
  /** Throws DuplicateSourceKeyError when the file's source key is taken. */
  abstract create(file: LogFile): Promise<void>;
  abstract get(tenantId: string, id: string): Promise<LogFile | null>;
  abstract list(tenantId: string, offset: number, limit: number): Promise<{ files: LogFile[]; total: number }>;
  abstract updateProgress(tenantId: string, id: string, progress: Partial<FileProgress>): Promise<void>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
  abstract existsSourceKey(sourceKey: string): Promise<boolean>;
  /** The tenant's newest file with this content hash that did not fail, or null. */
  abstract findByContentHash(tenantId: string, contentHash: string): Promise<LogFile | null>;
  /** Files left pending or processing by a previous run, across tenants, for resumption. */
  abstract listUnfinished(): Promise<LogFile[]>;
}
