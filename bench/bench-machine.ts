// What every bench report starts with: the machine it ran on, and fresh temp dirs for a server.

import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    total_memory_mb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on a shared machine slows every number; the report says how much there was.
    load_average: os.loadavg().map((l) => Math.round(l * 10) / 10),
  };
}

/** A fresh temp dir with empty `data` and `uploads` dirs for one Lognest server. */
export function freshServerDirs(prefix: string): { tmp: string; dataDir: string; uploadsDir: string } {
  const tmp = mkdtempSync(join(os.tmpdir(), prefix));
  const dataDir = join(tmp, 'data');
  const uploadsDir = join(tmp, 'uploads');
  mkdirSync(dataDir);
  mkdirSync(uploadsDir);
  return { tmp, dataDir, uploadsDir };
}
