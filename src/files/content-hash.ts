import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { LogFile } from './file-types';

/** SHA-256 (hex) of a file's bytes, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The tenant already has a file with these bytes; `earlier` is it. */
export class DuplicateFileError extends Error {
  constructor(readonly earlier: LogFile) {
    super(`The same content was uploaded before as ${earlier.originalName}`);
    this.name = 'DuplicateFileError';
  }
}
