import { IngestJobOptions, PreparedChunk } from './ingest-job';
import { IngestRunner } from './ingest-runner';
import { prepareBody, prepareFile } from './prepare-records';
import { PatternAssigner } from '../../patterns/pattern-assigner';
import { PatternStamper } from './pattern-stamper';
import { LiveMatchers, LiveSelectors } from '../../live/live-matches';

/** Ingest on the calling thread (tests, and builds without the compiled worker script). */
export class InlineIngestRunner extends IngestRunner {
  private readonly stamper: PatternStamper | null;
  private readonly live = new LiveMatchers();

  /** `patterns`: the process's assigner; without one, records are stored without a pattern id. */
  constructor(patterns: PatternAssigner | null = null) {
    super();
    this.stamper = patterns ? new PatternStamper((tenantId, keys) => patterns.assign(tenantId, keys)) : null;
  }

  runBody(body: Buffer, options: IngestJobOptions, keepIds: boolean): Promise<PreparedChunk> {
    return prepareBody(body.toString('utf8'), options, keepIds, this.stamper, this.live);
  }

  runFile(file: string, options: IngestJobOptions, chunkRecords: number, onChunk: (chunk: PreparedChunk) => Promise<void>) {
    return prepareFile(file, options, chunkRecords, onChunk, this.stamper, this.live);
  }

  setLiveSelectors(selectors: LiveSelectors): void {
    this.live.set(selectors);
  }

  async close(): Promise<void> {}
}
