import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogFile } from './file-types';

export class WatchedFileChangedError extends Error {
  constructor(problem: string) {
    super(`not ingested: ${problem} since the watched folder was scanned`);
  }
}

/** A watched file held open, read through a path that no rename or link can redirect. */
export interface OpenedWatchedFile {
  readPath: string;
  close(): void;
}

/**
 * Opens a file of the watched folder as the scan registered it (issue 14): never through a
 * symlink (`O_NOFOLLOW`), inside the folder whatever its parent became, and only when the
 * opened file is the scanned one (same inode, same size). The ingest then reads the open
 * descriptor (`/proc/self/fd/N`, shared with the worker threads), so swapping the path after
 * this check changes nothing.
 */
export function openWatchedFile(file: LogFile, uploadsDir: string): OpenedWatchedFile {
  const root = fs.realpathSync(uploadsDir);
  const parent = fs.realpathSync(path.dirname(file.storedPath));
  if (parent !== root && !parent.startsWith(root + path.sep)) throw new WatchedFileChangedError('its folder now lies outside the watched folder');
  let fd: number;
  try {
    fd = fs.openSync(file.storedPath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new WatchedFileChangedError('it was replaced by a symbolic link');
    throw err;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new WatchedFileChangedError('it is no longer a regular file');
    if (file.options.inode !== undefined && stat.ino !== file.options.inode) throw new WatchedFileChangedError('it was replaced by another file');
    if (stat.size !== file.size) throw new WatchedFileChangedError(`its size changed (${file.size} → ${stat.size} bytes)`);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  const byDescriptor = `/proc/self/fd/${fd}`;
  return { readPath: fs.existsSync(byDescriptor) ? byDescriptor : file.storedPath, close: () => fs.closeSync(fd) };
}
