import { DuplicateSourceKeyError, FileStore } from './file-store';
import { FileProgress, LogFile } from './file-types';

/** Files in a map, for unit tests. Behaves as SqliteFileStore does (file-store.contract.ts). */
export class MemoryFileStore extends FileStore {
  private readonly files = new Map<string, LogFile>();

  async create(file: LogFile): Promise<void> {
    if (this.files.has(file.id)) throw new Error(`file ${file.id} exists`);
    if (file.sourceKey !== null && (await this.existsSourceKey(file.sourceKey))) throw new DuplicateSourceKeyError(file.sourceKey);
    this.files.set(file.id, structuredClone(file));
  }

  async get(tenantId: string, id: string): Promise<LogFile | null> {
    const file = this.files.get(id);
    return file && file.tenantId === tenantId ? structuredClone(file) : null;
  }

  async list(tenantId: string, offset: number, limit: number): Promise<{ files: LogFile[]; total: number }> {
    const own = [...this.files.values()]
      .filter((f) => f.tenantId === tenantId)
      .sort((a, b) => b.uploadDate - a.uploadDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return { files: own.slice(offset, offset + limit).map((f) => structuredClone(f)), total: own.length };
  }

  async updateProgress(tenantId: string, id: string, progress: Partial<FileProgress>): Promise<void> {
    const file = this.files.get(id);
    if (!file || file.tenantId !== tenantId) return;
    const given = Object.entries(progress).filter(([, v]) => v !== undefined);
    Object.assign(file, structuredClone(Object.fromEntries(given)));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.files.get(id)?.tenantId === tenantId && this.files.delete(id);
  }

  async existsSourceKey(sourceKey: string): Promise<boolean> {
    return [...this.files.values()].some((f) => f.sourceKey === sourceKey);
  }

  async findByContentHash(tenantId: string, contentHash: string): Promise<LogFile | null> {
    const same = [...this.files.values()]
      .filter((f) => f.tenantId === tenantId && f.contentHash === contentHash && f.status !== 'failed')
      .sort((a, b) => b.uploadDate - a.uploadDate || (a.id < b.id ? 1 : -1));
    return same.length > 0 ? structuredClone(same[0]) : null;
  }

  async listUnfinished(): Promise<LogFile[]> {
    return [...this.files.values()]
      .filter((f) => f.status === 'pending' || f.status === 'processing')
      .sort((a, b) => a.uploadDate - b.uploadDate)
      .map((f) => structuredClone(f));
  }
}
