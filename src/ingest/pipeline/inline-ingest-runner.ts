import { IngestJobOptions, PreparedChunk } from './ingest-job';
import { IngestRunner } from './ingest-runner';
import { prepareBody, prepareFile } from './prepare-records';

export class InlineIngestRunner extends IngestRunner {
  async runBody(body: Buffer, options: IngestJobOptions, keepIds: boolean): Promise<PreparedChunk> {
    return prepareBody(body.toString('utf8'), options, keepIds);
  }

  runFile(file: string, options: IngestJobOptions, chunkRecords: number, onChunk: (chunk: PreparedChunk) => Promise<void>) {
    return prepareFile(file, options, chunkRecords, onChunk);
  }

  async close(): Promise<void> {}
}
