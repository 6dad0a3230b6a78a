// Entry point of an ingest worker thread: runs prepareBody / prepareFile for the main thread.
import { parentPort } from 'node:worker_threads';
import { WorkerRequest, WorkerResponse } from './worker-protocol';
import { prepareBody, prepareFile } from './prepare-records';
import { PatternStamper } from './pattern-stamper';
import { LiveMatchers } from '../../live/live-matches';

const port = parentPort!;
const acks = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();

const reply = (message: WorkerResponse) => port.postMessage(message);

const live = new LiveMatchers();
const questions = new Map<number, (ids: string[] | null) => void>();
let nextQuestion = 1;
const patterns = new PatternStamper(
  (tenantId, keys) =>
    new Promise((resolve, reject) => {
      const request = nextQuestion++;
      questions.set(request, (ids) => (ids ? resolve(ids) : reject(new Error('pattern assignment failed'))));
      reply({ kind: 'patterns', request, tenantId, keys });
    }),
);

port.on('message', (message: WorkerRequest) => {
  if (message.kind === 'patterns') {
    questions.get(message.request)?.(message.ids);
    questions.delete(message.request);
    return;
  }
  if (message.kind === 'live') {
    live.set(message.selectors);
    return;
  }
  if (message.kind === 'ack') {
    acks.get(message.job)?.resolve();
    return;
  }
  if (message.kind === 'abort') {
    acks.get(message.job)?.reject(new Error(message.message));
    return;
  }
  void run(message);
});

async function run(message: Extract<WorkerRequest, { kind: 'body' | 'file' }>): Promise<void> {
  const stamper = message.patterns ? patterns : null;
  try {
    if (message.kind === 'body') {
      const text = Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength).toString('utf8');
      reply({ kind: 'done', job: message.job, chunk: await prepareBody(text, message.options, message.keepIds, stamper, live) });
      return;
    }
    await prepareFile(message.file, message.options, message.chunkRecords, (chunk) =>
      new Promise<void>((resolve, reject) => {
        acks.set(message.job, { resolve, reject });
        reply({ kind: 'chunk', job: message.job, chunk });
      }),
      stamper,
      live,
    );
    acks.delete(message.job);
    reply({ kind: 'done', job: message.job, chunk: null });
  } catch (err) {
    reply({ kind: 'error', job: message.job, message: err instanceof Error ? err.message : String(err) });
  }
}
