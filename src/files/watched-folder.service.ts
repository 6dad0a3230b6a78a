import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TENANT_ID } from '../auth/auth-types';
import { TenantStore } from '../auth/tenant-store';
import { AppConfig } from '../config/app-config';
import { FileStore } from './file-store';
import { FilesService } from './files.service';

interface Seen {
  size: number;
  mtimeMs: number;
  stableSince: number;
}

/**
 * Polls LOGNEST_UPLOADS_DIR. A file is ingested once it has stopped growing for one
 * interval; its path, size and modification time are recorded, so a restart does not
 * ingest it again. Files at the top go to tenant `default`; files in a subfolder named after
 * a tenant (`uploads/acme/app.log`) go to that tenant. Hidden files and folders are ignored,
 * and so is a subfolder that names no tenant (with a warning, once).
 */
@Injectable()
export class WatchedFolderService {
  private readonly logger = new Logger(WatchedFolderService.name);
  private readonly seen = new Map<string, Seen>();
  private readonly warnedFolders = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private scanning = false;

  constructor(
    private readonly config: AppConfig,
    private readonly files: FilesService,
    private readonly store: FileStore,
    private readonly tenants: TenantStore,
  ) {}

  start(): void {
    fs.mkdirSync(this.config.uploadsDir, { recursive: true });
    this.timer = setInterval(() => void this.scan(), this.config.watchIntervalMs);
    this.timer.unref();
    void this.scan();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the folder and its tenant subfolders; public for tests. */
  async scan(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    try {
      const now = Date.now();
      const present = new Set<string>();
      for (const entry of await fs.promises.readdir(this.config.uploadsDir, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        if (entry.isFile()) {
          present.add(entry.name);
          await this.check(entry.name, DEFAULT_TENANT_ID, now);
        } else if (entry.isDirectory()) {
          const tenant = await this.tenants.findByName(entry.name);
          if (!tenant) {
            if (!this.warnedFolders.has(entry.name)) this.logger.warn(`Ignoring ${entry.name}/ in the watched folder: no tenant has that name`);
            this.warnedFolders.add(entry.name);
            continue;
          }
          for (const inner of await fs.promises.readdir(path.join(this.config.uploadsDir, entry.name), { withFileTypes: true })) {
            if (!inner.isFile() || inner.name.startsWith('.')) continue;
            const relative = path.join(entry.name, inner.name);
            present.add(relative);
            await this.check(relative, tenant.id, now);
          }
        }
      }
      for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    } catch (err) {
      this.logger.error(`Scan of ${this.config.uploadsDir} failed: ${err instanceof Error ? err.message : err}`);
    } finally {
      this.scanning = false;
    }
  }

  /** `relative` is the file's path under the watched folder. */
  private async check(relative: string, tenantId: string, now: number): Promise<void> {
    const full = path.join(this.config.uploadsDir, relative);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (!stat) return;
    const previous = this.seen.get(relative);
    if (!previous || previous.size !== stat.size || previous.mtimeMs !== stat.mtimeMs) {
      this.seen.set(relative, { size: stat.size, mtimeMs: stat.mtimeMs, stableSince: now });
      return;
    }
    if (previous.stableSince < 0 || now - previous.stableSince < this.config.watchIntervalMs) return;
    previous.stableSince = -1;
    const sourceKey = `watch:${relative}:${stat.size}:${Math.floor(stat.mtimeMs)}`;
    if (await this.store.existsSourceKey(sourceKey)) return;
    this.logger.log(`Ingesting ${relative} from the watched folder`);
    await this.files.register({
      tenantId,
      originalName: path.basename(relative),
      storedPath: full,
      size: stat.size,
      source: 'watch',
      sourceKey,
      uploadedBy: 'watched-folder',
      options: { format: 'auto', inode: stat.ino },
    });
  }
}
