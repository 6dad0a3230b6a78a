// Writes a sample log file with generation spread over worker threads. Tasks come back out
// of order and are written in order; at most WINDOW_PER_WORKER tasks per worker are ahead,
// so memory stays bounded whatever the count. The file is the same as the single-threaded
// writer's.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GenerationStats, GenerationStatsSnapshot } from './generation-stats';
import { GenerateWorkerInit } from './generate-worker';
import { GenerateOptions, planGeneration } from './sample-log-generator';
import { SampleFormat, WriteResult, csvHeader } from './sample-log-writer';

const IN_FLIGHT_PER_WORKER = 2;
/** Tasks that may be generated ahead of the one the file waits for. */
const WINDOW_PER_WORKER = 4;
/** Records per worker request: big enough that messaging costs nothing, small enough for memory. */
const RECORDS_PER_TASK = 25_000;

type WorkerReply = { from: number; records: number; bytes: ArrayBuffer } | { stats: GenerationStatsSnapshot };

export async function writeLogFileParallel(
  path: string,
  format: SampleFormat,
  opts: GenerateOptions & { endMs: number },
  workerCount: number,
  stats: GenerationStats,
): Promise<WriteResult> {
  const plan = planGeneration(opts);
  const chunksPerTask = Math.max(1, Math.round(RECORDS_PER_TASK / Math.max(1, opts.count / plan.chunks)));
  const tasks = Math.ceil(plan.chunks / chunksPerTask);
  const out = createWriteStream(path, { highWaterMark: 16 << 20 });
  const init: GenerateWorkerInit = { opts, format };
  const workers = Array.from({ length: workerCount }, () => new Worker(join(__dirname, 'generate-worker.js'), { workerData: init }));
  const maxAhead = WINDOW_PER_WORKER * workerCount;
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
      const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
      // The least busy worker gets the next task, so none starves behind the reorder window.
      const dispatch = (): void => {
        while (nextToSend < tasks && nextToSend - nextToWrite < maxAhead) {
          const [w, busy] = [...inFlight.entries()].reduce((a, b) => (b[1] < a[1] ? b : a));
          if (busy >= IN_FLIGHT_PER_WORKER) return;
          const from = nextToSend++ * chunksPerTask;
          inFlight.set(w, busy + 1);
          w.postMessage({ from, to: Math.min(from + chunksPerTask, plan.chunks) });
        }
      };
      const drainReady = async (): Promise<void> => {
        if (writing) return;
        writing = true;
        while (ready.has(nextToWrite)) {
          const { records: n, data } = ready.get(nextToWrite) as { records: number; data: Buffer };
          ready.delete(nextToWrite++);
          records += n;
          bytes += data.length;
          dispatch();
          if (!out.write(data)) await once(out, 'drain');
        }
        writing = false;
        if (nextToWrite === tasks) resolve();
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (msg: WorkerReply) => {
          if ('stats' in msg) return;
          ready.set(msg.from / chunksPerTask, { records: msg.records, data: Buffer.from(msg.bytes) });
          inFlight.set(w, (inFlight.get(w) as number) - 1);
          dispatch();
          drainReady().catch(reject);
        });
      }
      dispatch();
      if (tasks === 0) resolve();
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
