import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Writes an export's chunks to `out`, gzipped when asked. `pipeline` gives backpressure:
 * the next chunk (and so the next store batch) is pulled only after `out` has drained, so
 * memory stays flat however many records match. On a failure, or when the client goes
 * away, every stream is destroyed, the source's iterator is closed, and this rejects.
 */
export async function writeExport(chunks: AsyncIterable<string>, out: Writable, gzip: boolean): Promise<void> {
  const source = Readable.from(chunks, { objectMode: false });
  if (gzip) await pipeline(source, createGzip(), out);
  else await pipeline(source, out);
}
