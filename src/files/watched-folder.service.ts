import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TENANT_ID } from '../auth/auth-types';
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
 * interval; its name, size and modification time are recorded, so a restart does not
 * ingest it again. Hidden files and folders are ignored.
 */
@Injectable()
export class WatchedFolderService {
  private readonly logger = new Logger(WatchedFolderService.name);
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | null = null;
  private scanning = false;

  constructor(
    private readonly config: AppConfig,
    private readonly files: FilesService,
    private readonly store: FileStore,
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

  /** One pass over the folder; public for tests. */
  async scan(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    try {
      const now = Date.now();
      const names = new Set<string>();
      for (const entry of await fs.promises.readdir(this.config.uploadsDir, { withFileTypes: true })) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue;
        names.add(entry.name);
        await this.check(entry.name, now);
      }
      for (const name of this.seen.keys()) if (!names.has(name)) this.seen.delete(name);
    } catch (err) {
      this.logger.error(`Scan of ${this.config.uploadsDir} failed: ${err instanceof Error ? err.message : err}`);
    } finally {
      this.scanning = false;
    }
  }

  private async check(name: string, now: number): Promise<void> {
    const full = path.join(this.config.uploadsDir, name);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (!stat) return;
    const previous = this.seen.get(name);
    if (!previous || previous.size !== stat.size || previous.mtimeMs !== stat.mtimeMs) {
      this.seen.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, stableSince: now });
      return;
    }
    if (previous.stableSince < 0 || now - previous.stableSince < this.config.watchIntervalMs) return;
    previous.stableSince = -1;
    const sourceKey = `watch:${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`;
    if (await this.store.existsSourceKey(sourceKey)) return;
    this.logger.log(`Ingesting ${name} from the watched folder`);
    await this.files.register({
      tenantId: DEFAULT_TENANT_ID,
      originalName: name,
      storedPath: full,
      size: stat.size,
      source: 'watch',
      sourceKey,
      uploadedBy: 'watched-folder',
      options: { format: 'auto' },
    });
  }
}
