// Worker thread of ParallelLogWriter: generates and serializes the chunks it is asked for.

import { parentPort, workerData } from 'node:worker_threads';
import { GenerationStats } from './generation-stats';
import { GenerateOptions, generateChunk, planGeneration } from './sample-log-generator';
import { SampleLogRecord } from './sample-log-record';
import { SampleFormat, serializeBatches } from './sample-log-writer';

export interface GenerateWorkerInit {
  opts: GenerateOptions;
  format: SampleFormat;
}

/** Generate chunks [from, to). */
export type GenerateWorkerRequest = { from: number; to: number } | { done: true };

const port = parentPort;
if (port === null) throw new Error('generate-worker must run as a worker thread');
const { opts, format } = workerData as GenerateWorkerInit;
const plan = planGeneration(opts);
const stats = new GenerationStats();

port.on('message', (msg: GenerateWorkerRequest) => {
  if ('done' in msg) {
    port.postMessage({ stats: stats.snapshot() });
    return;
  }
  const before = stats.total;
  const buf = serializeBatches(format, chunkRange(msg.from, msg.to), (r) => stats.add(r));
  // Transfer, not copy: a Buffer from a large string owns its whole ArrayBuffer.
  const owned = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
  const bytes = owned ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  port.postMessage({ from: msg.from, records: stats.total - before, bytes }, [bytes as ArrayBuffer]);
});

function* chunkRange(from: number, to: number): Generator<SampleLogRecord[]> {
  for (let c = from; c < to; c++) yield* generateChunk(plan, c);
}
