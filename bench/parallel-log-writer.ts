// Writes a sample log file with generation spread over worker threads. Chunks come back out
// of order and are written in order; at most MAX_AHEAD chunks are in flight, so memory stays
// bounded whatever the count. The file is the same as the single-threaded writer's.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GenerationStats, GenerationStatsSnapshot } from './generation-stats';
import { GenerateWorkerInit } from './generate-worker';
import { GenerateOptions, planGeneration } from './sample-log-generator';
import { SampleFormat, WriteResult, csvHeader } from './sample-log-writer';

const MAX_AHEAD_PER_WORKER = 3;

type WorkerReply = { chunk: number; records: number; bytes: ArrayBuffer } | { stats: GenerationStatsSnapshot };

export async function writeLogFileParallel(
  path: string,
  format: SampleFormat,
  opts: GenerateOptions & { endMs: number },
  workerCount: number,
  stats: GenerationStats,
): Promise<WriteResult> {
  const plan = planGeneration(opts);
  const out = createWriteStream(path);
  const init: GenerateWorkerInit = { opts, format };
  const workers = Array.from({ length: workerCount }, () => new Worker(join(__dirname, 'generate-worker.js'), { workerData: init }));
  const maxAhead = MAX_AHEAD_PER_WORKER * workerCount;
  const ready = new Map<number, { records: number; data: Buffer }>();
  let nextToSend = 0;
  let nextToWrite = 0;
  let records = 0;
  let bytes = 0;
  if (format === 'csv') {
    const header = Buffer.from(csvHeader() + '\n');
    out.write(header);
    bytes += header.length;
  }

  try {
    await new Promise<void>((resolve, reject) => {
      let writing = false;
      const dispatch = (w: Worker): void => {
        if (nextToSend < plan.chunks && nextToSend - nextToWrite < maxAhead) w.postMessage({ chunk: nextToSend++ });
      };
      const drainReady = async (): Promise<void> => {
        if (writing) return;
        writing = true;
        while (ready.has(nextToWrite)) {
          const { records: n, data } = ready.get(nextToWrite) as { records: number; data: Buffer };
          ready.delete(nextToWrite++);
          records += n;
          bytes += data.length;
          if (!out.write(data)) await once(out, 'drain');
          for (const w of workers) dispatch(w);
        }
        writing = false;
        if (nextToWrite === plan.chunks) resolve();
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (msg: WorkerReply) => {
          if ('stats' in msg) return;
          ready.set(msg.chunk, { records: msg.records, data: Buffer.from(msg.bytes) });
          dispatch(w);
          drainReady().catch(reject);
        });
        for (let i = 0; i < MAX_AHEAD_PER_WORKER; i++) dispatch(w);
      }
      if (plan.chunks === 0) resolve();
    });
    for (const w of workers) stats.merge(await finalStats(w));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  out.end();
  await once(out, 'finish');
  return { records, bytes };
}

function finalStats(w: Worker): Promise<GenerationStatsSnapshot> {
  return new Promise((resolve, reject) => {
    w.on('message', (msg: WorkerReply) => {
      if ('stats' in msg) resolve(msg.stats);
    });
    w.once('error', reject);
    w.postMessage({ done: true });
  });
}
