import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TENANT_ID } from '../auth/auth-types';
import { TenantStore } from '../auth/tenant-store';
import { AppConfig } from '../config/app-config';
import { ParseRulesService } from '../parse-rules/parse-rules.service';
import { FileStore } from './file-store';
import { FilesService } from './files.service';
import { FolderConfig, FolderConfigError, readFolderConfig, settingsFor } from './watched-folder-config';

interface Seen {
  size: number;
  mtimeMs: number;
  stableSince: number;
}

/** One folder of the walk: where it is, whose it is, and the configs from the top down to it. */
interface Folder {
  relative: string;
  tenantId: string;
  service: string | undefined;
  configs: (FolderConfig | null)[];
}

/**
 * Polls LOGNEST_UPLOADS_DIR. A file is ingested once it has stopped growing for one
 * interval; its path, size and modification time are recorded, so a restart does not
 * ingest it again. Files at the top go to tenant `default`; files in a subfolder named after
 * a tenant (`uploads/acme/app.log`) go to that tenant, and a folder inside that one names the
 * service (`uploads/acme/payments/app.log`). A `.lognest.json` in any of these folders sets
 * the service and parsing rule of its files (watched-folder-config.ts); without one the file
 * name gives the service. Hidden files and folders are ignored, and so is a subfolder that
 * names no tenant, or whose `.lognest.json` is broken (with a warning, once).
 */
@Injectable()
export class WatchedFolderService {
  private readonly logger = new Logger(WatchedFolderService.name);
  private readonly seen = new Map<string, Seen>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private scanning = false;

  constructor(
    private readonly config: AppConfig,
    private readonly files: FilesService,
    private readonly store: FileStore,
    private readonly tenants: TenantStore,
    private readonly rules: ParseRulesService,
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

  /** One pass over the folder, its tenant subfolders and their service subfolders; public for tests. */
  async scan(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    try {
      const now = Date.now();
      const present = new Set<string>();
      const top = this.folder({ relative: '', tenantId: DEFAULT_TENANT_ID, service: undefined, configs: [] });
      if (top) await this.walk(top, 0, present, now);
      for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    } catch (err) {
      this.logger.error(`Scan of ${this.config.uploadsDir} failed: ${err instanceof Error ? err.message : err}`);
    } finally {
      this.scanning = false;
    }
  }

  /** The folder with its own config added, or null (warned once) when that config is broken. */
  private folder(base: Folder): Folder | null {
    try {
      const own = readFolderConfig(path.join(this.config.uploadsDir, base.relative));
      this.warned.delete(`config:${base.relative}`);
      return { ...base, configs: [...base.configs, own] };
    } catch (err) {
      if (!(err instanceof FolderConfigError)) throw err;
      this.warnOnce(`config:${base.relative}`, `Not ingesting ${base.relative || '.'}/ of the watched folder: its .lognest.json: ${err.message}`);
      return null;
    }
  }

  /** depth 0: the top (subfolders are tenants); 1: a tenant's folder (subfolders are services); 2: a service folder. */
  private async walk(folder: Folder, depth: number, present: Set<string>, now: number): Promise<void> {
    for (const entry of await fs.promises.readdir(path.join(this.config.uploadsDir, folder.relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relative = path.join(folder.relative, entry.name);
      if (entry.isFile()) {
        present.add(relative);
        await this.check(relative, folder, now);
      } else if (entry.isDirectory() && depth < 2) {
        const inner = depth === 0 ? await this.tenantFolder(entry.name, folder) : { ...folder, relative, service: entry.name };
        const withConfig = inner && this.folder(inner);
        if (withConfig) await this.walk(withConfig, depth + 1, present, now);
      }
    }
  }

  private async tenantFolder(name: string, top: Folder): Promise<Folder | null> {
    const tenant = await this.tenants.findByName(name);
    if (!tenant) {
      this.warnOnce(`tenant:${name}`, `Ignoring ${name}/ in the watched folder: no tenant has that name`);
      return null;
    }
    return { relative: name, tenantId: tenant.id, service: undefined, configs: top.configs };
  }

  private warnOnce(key: string, message: string): void {
    if (!this.warned.has(key)) this.logger.warn(message);
    this.warned.add(key);
  }

  /** `relative` is the file's path under the watched folder. */
  private async check(relative: string, folder: Folder, now: number): Promise<void> {
    const full = path.join(this.config.uploadsDir, relative);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (!stat) return;
    const previous = this.seen.get(relative);
    if (!previous || previous.size !== stat.size || previous.mtimeMs !== stat.mtimeMs) {
      this.seen.set(relative, { size: stat.size, mtimeMs: stat.mtimeMs, stableSince: now });
      return;
    }
    if (previous.stableSince < 0 || now - previous.stableSince < this.config.watchIntervalMs) return;
    const sourceKey = `watch:${relative}:${stat.size}:${Math.floor(stat.mtimeMs)}`;
    if (await this.store.existsSourceKey(sourceKey)) {
      previous.stableSince = -1;
      return;
    }
    const name = path.basename(relative);
    const settings = settingsFor(folder.configs, name, folder.service);
    let rule;
    try {
      rule = await this.rules.resolve(folder.tenantId, {
        spec: typeof settings.rule === 'object' ? settings.rule : undefined,
        saved: typeof settings.rule === 'string' ? settings.rule : undefined,
        service: settings.service,
      });
    } catch {
      // A saved rule the config names but the tenant does not have (yet): retried next scan.
      this.warnOnce(`rule:${relative}`, `Not ingesting ${relative} yet: its .lognest.json names the parsing rule ${String(settings.rule)}, which ${folder.tenantId} has not saved`);
      return;
    }
    previous.stableSince = -1;
    this.logger.log(`Ingesting ${relative} from the watched folder`);
    await this.files.register({
      tenantId: folder.tenantId,
      originalName: name,
      storedPath: full,
      size: stat.size,
      source: 'watch',
      sourceKey,
      uploadedBy: 'watched-folder',
      options: { format: rule ? 'text' : 'auto', inode: stat.ino, ...(rule ? { rule } : {}), ...(settings.service ? { service: settings.service } : {}) },
    });
  }
}
