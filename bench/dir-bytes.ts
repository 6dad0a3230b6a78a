import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of every file under `dir`, recursively. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : lstatSync(p).size;
  }
  return total;
}
