import { IngestJobOptions, PreparedChunk } from './ingest-job';

export type WorkerRequest =
  | { kind: 'body'; job: number; body: Uint8Array; options: IngestJobOptions; keepIds: boolean }
  | { kind: 'file'; job: number; file: string; options: IngestJobOptions; chunkRecords: number }
  /** The main thread committed the last chunk of a file job: read on. */
  | { kind: 'ack'; job: number }
  /** The main thread could not commit it: stop the job. */
  | { kind: 'abort'; job: number; message: string };

export type WorkerResponse =
  | { kind: 'chunk'; job: number; chunk: PreparedChunk }
  | { kind: 'done'; job: number; chunk: PreparedChunk | null }
  | { kind: 'error'; job: number; message: string };
