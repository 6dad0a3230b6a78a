import { IngestJobOptions, PreparedChunk } from './ingest-job';

/**
 * Runs the per-record work of ingest (parse, normalize, serialize) somewhere: worker
 * threads in production, so that two cores share it; the calling thread in tests.
 */
export abstract class IngestRunner {
  abstract runBody(body: Buffer, options: IngestJobOptions, keepIds: boolean): Promise<PreparedChunk>;
  abstract runFile(file: string, options: IngestJobOptions, chunkRecords: number, onChunk: (chunk: PreparedChunk) => Promise<void>): Promise<void>;
  abstract close(): Promise<void>;
}
