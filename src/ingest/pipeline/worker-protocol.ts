import { PatternKey } from '../../patterns/pattern-key';
import { LiveSelectors } from '../../live/live-matches';
import { IngestJobOptions, PreparedChunk } from './ingest-job';

export type WorkerRequest =
  /** `patterns`: stamp pattern ids, asking the main thread about unseen line shapes. */
  | { kind: 'body'; job: number; body: Uint8Array; options: IngestJobOptions; keepIds: boolean; patterns: boolean }
  | { kind: 'file'; job: number; file: string; options: IngestJobOptions; chunkRecords: number; patterns: boolean }
  /** The main thread committed the last chunk of a file job: read on. */
  | { kind: 'ack'; job: number }
  /** The main thread could not commit it: stop the job. */
  | { kind: 'abort'; job: number; message: string }
  /** The pattern ids of a `patterns` question, in order (null: the assigner failed). */
  | { kind: 'patterns'; request: number; ids: string[] | null }
  /** A tenant's live selectors changed: match its records against these from now on. */
  | { kind: 'live'; selectors: LiveSelectors };

export type WorkerResponse =
  | { kind: 'chunk'; job: number; chunk: PreparedChunk }
  | { kind: 'done'; job: number; chunk: PreparedChunk | null }
  | { kind: 'error'; job: number; message: string }
  /** Line shapes this worker has not seen: which patterns are they (PatternAssigner on the main thread)? */
  | { kind: 'patterns'; request: number; tenantId: string; keys: PatternKey[] };
