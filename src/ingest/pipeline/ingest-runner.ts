import { LiveSelectors } from '../../live/live-matches';
import { IngestJobOptions, PreparedChunk } from './ingest-job';

/**
 * Runs the per-record work of ingest (parse, normalize, serialize) somewhere: worker
 * threads in production, so that two cores share it; the calling thread in tests.
 */
export abstract class IngestRunner {
  abstract runBody(body: Buffer, options: IngestJobOptions, keepIds: boolean): Promise<PreparedChunk>;
  abstract runFile(file: string, options: IngestJobOptions, chunkRecords: number, onChunk: (chunk: PreparedChunk) => Promise<void>): Promise<void>;
  /** What the live subscribers of a tenant filter for: chunks prepared from now on carry their matches (PreparedChunk.live). */
  abstract setLiveSelectors(selectors: LiveSelectors): void;
  abstract close(): Promise<void>;
}
