import { Injectable } from '@nestjs/common';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { DuplicateSourceKeyError, FileStore } from './file-store';
import { FileProgress, FileStatus, InputFormat, LogFile } from './file-types';

interface FileRow {
  id: string; tenant_id: string; original_name: string; stored_path: string; source: string; source_key: string | null;
  format: string; size: number; status: string; lines_total: number; bytes_processed: number; accepted: number;
  rejected: number; errors: string; failure: string | null; options: string; uploaded_by: string; upload_date: number;
  completed_at: number | null; description: string | null; content_hash: string | null;
}

const toFile = (r: FileRow): LogFile => ({
  id: r.id, tenantId: r.tenant_id, originalName: r.original_name, storedPath: r.stored_path,
  source: r.source as LogFile['source'], sourceKey: r.source_key, format: r.format as InputFormat, size: r.size,
  status: r.status as FileStatus, linesTotal: r.lines_total, bytesProcessed: r.bytes_processed, accepted: r.accepted,
  rejected: r.rejected, errors: JSON.parse(r.errors), failure: r.failure, options: JSON.parse(r.options),
  uploadedBy: r.uploaded_by, uploadDate: r.upload_date, completedAt: r.completed_at, description: r.description,
  ...(r.content_hash !== null ? { contentHash: r.content_hash } : {}),
});

const PROGRESS_COLUMNS: Record<keyof FileProgress, string> = {
  format: 'format',
  status: 'status', linesTotal: 'lines_total', bytesProcessed: 'bytes_processed', accepted: 'accepted',
  rejected: 'rejected', errors: 'errors', failure: 'failure', completedAt: 'completed_at',
};

@Injectable()
export class SqliteFileStore extends FileStore {
  constructor(private readonly sqlite: SqliteDatabase) {
    super();
  }

  async create(f: LogFile): Promise<void> {
    if (f.sourceKey !== null && (await this.existsSourceKey(f.sourceKey))) throw new DuplicateSourceKeyError(f.sourceKey);
    this.sqlite.db
      .prepare(
        `INSERT INTO files (id, tenant_id, original_name, stored_path, source, source_key, format, size, status, lines_total,
          bytes_processed, accepted, rejected, errors, failure, options, uploaded_by, upload_date, completed_at, description, content_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        f.id, f.tenantId, f.originalName, f.storedPath, f.source, f.sourceKey, f.format, f.size, f.status, f.linesTotal,
        f.bytesProcessed, f.accepted, f.rejected, JSON.stringify(f.errors), f.failure, JSON.stringify(f.options),
        f.uploadedBy, f.uploadDate, f.completedAt, f.description, f.contentHash ?? null,
      );
  }

  async get(tenantId: string, id: string): Promise<LogFile | null> {
    const row = this.sqlite.db.prepare('SELECT * FROM files WHERE tenant_id = ? AND id = ?').get(tenantId, id) as FileRow | undefined;
    return row ? toFile(row) : null;
  }

  async list(tenantId: string, offset: number, limit: number): Promise<{ files: LogFile[]; total: number }> {
    const rows = this.sqlite.db
      .prepare('SELECT * FROM files WHERE tenant_id = ? ORDER BY upload_date DESC, id DESC LIMIT ? OFFSET ?')
      .all(tenantId, limit, offset) as FileRow[];
    const { n } = this.sqlite.db.prepare('SELECT count(*) AS n FROM files WHERE tenant_id = ?').get(tenantId) as { n: number };
    return { files: rows.map(toFile), total: n };
  }

  async updateProgress(tenantId: string, id: string, progress: Partial<FileProgress>): Promise<void> {
    const entries = Object.entries(progress).filter(([, v]) => v !== undefined) as [keyof FileProgress, unknown][];
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `${PROGRESS_COLUMNS[k]} = ?`).join(', ');
    const values = entries.map(([k, v]) => (k === 'errors' ? JSON.stringify(v) : v));
    this.sqlite.db.prepare(`UPDATE files SET ${sets} WHERE tenant_id = ? AND id = ?`).run(...values, tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.sqlite.db.prepare('DELETE FROM files WHERE tenant_id = ? AND id = ?').run(tenantId, id).changes > 0;
  }

  async existsSourceKey(sourceKey: string): Promise<boolean> {
    return this.sqlite.db.prepare('SELECT 1 FROM files WHERE source_key = ?').get(sourceKey) !== undefined;
  }

  async findByContentHash(tenantId: string, contentHash: string): Promise<LogFile | null> {
    const row = this.sqlite.db
      .prepare("SELECT * FROM files WHERE tenant_id = ? AND content_hash = ? AND status <> 'failed' ORDER BY upload_date DESC, id DESC LIMIT 1")
      .get(tenantId, contentHash) as FileRow | undefined;
    return row ? toFile(row) : null;
  }

  async listUnfinished(): Promise<LogFile[]> {
    const rows = this.sqlite.db
      .prepare("SELECT * FROM files WHERE status IN ('pending', 'processing') ORDER BY upload_date")
      .all() as FileRow[];
    return rows.map(toFile);
  }
}
