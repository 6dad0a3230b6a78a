import { LogFile, FileProgress } from './file-types';

/** Ingested files. Every read and write is scoped to a tenant, except the start-up scans. */
export abstract class FileStore {
  abstract create(file: LogFile): Promise<void>;
  abstract get(tenantId: string, id: string): Promise<LogFile | null>;
  abstract list(tenantId: string, offset: number, limit: number): Promise<{ files: LogFile[]; total: number }>;
  abstract updateProgress(tenantId: string, id: string, progress: Partial<FileProgress>): Promise<void>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
  abstract existsSourceKey(sourceKey: string): Promise<boolean>;
  /** Files left pending or processing by a previous run, across tenants, for resumption. */
  abstract listUnfinished(): Promise<LogFile[]>;
}
