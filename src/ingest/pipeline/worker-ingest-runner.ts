import { Logger } from '@nestjs/common';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IngestJobOptions, PreparedChunk } from './ingest-job';
import { IngestRunner } from './ingest-runner';
import { PatternAssigner } from '../../patterns/pattern-assigner';
import { WorkerRequest, WorkerResponse } from './worker-protocol';
import { LiveSelectors } from '../../live/live-matches';

interface PendingJob {
  worker: Worker;
  onChunk?: (chunk: PreparedChunk) => Promise<void>;
  resolve: (chunk: PreparedChunk | null) => void;
  reject: (err: Error) => void;
}

/**
 * The slot with the fewest jobs; among equals, the first from slot `turn` on (mod count), so
 * that callers counting `turn` up take equally idle workers in turn. Taking the first of the
 * equals sent almost every body to one thread when the bodies rarely overlapped in the
 * workers: issue 11 saw 20 s of work on one ingest worker and 3.6 s on the other.
 */
export function leastBusySlot(jobs: readonly number[], turn: number): number {
  let best = turn % jobs.length;
  for (let k = 1; k < jobs.length; k++) {
    const slot = (turn + k) % jobs.length;
    if (jobs[slot] < jobs[best]) best = slot;
  }
  return best;
}

/** Spreads ingest jobs over worker threads, least busy first. Needs the compiled .js files. */
export class WorkerIngestRunner extends IngestRunner {
  private readonly workers: Worker[];
  private readonly load = new Map<Worker, number>();
  private readonly jobs = new Map<number, PendingJob>();
  private nextJob = 1;
  private turn = 0;
  private readonly logger = new Logger('WorkerIngestRunner');

  private closing = false;
  /** The latest live selectors per watched tenant, for workers spawned later. */
  private readonly selectors = new Map<string, LiveSelectors>();

  /** `patterns`: the process's assigner; without one, records are stored without a pattern id. */
  constructor(
    count: number,
    private readonly patterns: PatternAssigner | null = null,
  ) {
    super();
    this.workers = Array.from({ length: count }, () => this.spawn());
  }

  /**
   * A worker that dies (an uncaught error, out of memory) fails its own jobs and is
   * replaced, so later requests are not sent to a thread that will never answer.
   */
  private spawn(): Worker {
    const worker = new Worker(path.join(__dirname, 'ingest-worker.js'));
    worker.on('message', (m: WorkerResponse) => this.onMessage(worker, m));
    worker.on('error', (err) => this.failAll(worker, err));
    worker.on('exit', (code) => {
      this.failAll(worker, new Error(`ingest worker exited with code ${code}`));
      this.load.delete(worker);
      const slot = this.workers.indexOf(worker);
      if (slot >= 0 && !this.closing) this.workers[slot] = this.spawn();
    });
    worker.unref();
    for (const selectors of this.selectors.values()) worker.postMessage({ kind: 'live', selectors } satisfies WorkerRequest);
    this.load.set(worker, 0);
    return worker;
  }

  /** True when the compiled worker script exists (false under ts test runners). */
  static available(): boolean {
    return __filename.endsWith('.js');
  }

  runBody(body: Buffer, options: IngestJobOptions, keepIds: boolean): Promise<PreparedChunk> {
    // Copy into a transferable buffer: the request body may share a pooled ArrayBuffer.
    const copy = new Uint8Array(body.byteLength);
    copy.set(body);
    return this.start({ kind: 'body', job: 0, body: copy, options, keepIds, patterns: this.patterns !== null }, [copy.buffer]) as Promise<PreparedChunk>;
  }

  async runFile(file: string, options: IngestJobOptions, chunkRecords: number, onChunk: (chunk: PreparedChunk) => Promise<void>) {
    await this.start({ kind: 'file', job: 0, file, options, chunkRecords, patterns: this.patterns !== null }, [], onChunk);
  }

  setLiveSelectors(selectors: LiveSelectors): void {
    if (selectors.subscribers === null) this.selectors.delete(selectors.tenantId);
    else this.selectors.set(selectors.tenantId, selectors);
    for (const worker of this.workers) worker.postMessage({ kind: 'live', selectors } satisfies WorkerRequest);
  }

  private start(request: WorkerRequest, transfer: ArrayBuffer[], onChunk?: PendingJob['onChunk']): Promise<PreparedChunk | null> {
    const worker = this.leastBusy();
    const job = this.nextJob++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.jobs.set(job, { worker, onChunk, resolve, reject });
      worker.postMessage({ ...request, job }, transfer);
    });
  }

  private leastBusy(): Worker {
    const live = [...this.load.entries()];
    return live[leastBusySlot(live.map(([, jobs]) => jobs), this.turn++)][0];
  }

  private onMessage(worker: Worker, m: WorkerResponse): void {
    if (m.kind === 'patterns') {
      this.answerPatterns(worker, m);
      return;
    }
    const pending = this.jobs.get(m.job);
    if (!pending) return;
    if (m.kind === 'chunk') {
      pending.onChunk!(m.chunk).then(
        () => worker.postMessage({ kind: 'ack', job: m.job } satisfies WorkerRequest),
        (err: Error) => {
          worker.postMessage({ kind: 'abort', job: m.job, message: err.message } satisfies WorkerRequest);
          this.finish(m.job);
          pending.reject(err);
        },
      );
      return;
    }
    this.finish(m.job);
    if (m.kind === 'done') pending.resolve(m.chunk);
    else pending.reject(new Error(m.message));
  }

  private answerPatterns(worker: Worker, m: Extract<WorkerResponse, { kind: 'patterns' }>): void {
    const answer = (ids: string[] | null) => worker.postMessage({ kind: 'patterns', request: m.request, ids } satisfies WorkerRequest);
    if (!this.patterns) return answer(null);
    this.patterns.assign(m.tenantId, m.keys).then(answer, (err: unknown) => {
      this.logger.error(`Pattern assignment failed, records kept without a pattern id: ${err instanceof Error ? err.message : String(err)}`);
      answer(null);
    });
  }

  private finish(job: number): void {
    const pending = this.jobs.get(job);
    if (!pending) return;
    this.jobs.delete(job);
    this.load.set(pending.worker, Math.max(0, (this.load.get(pending.worker) ?? 1) - 1));
  }

  private failAll(worker: Worker, err: Error): void {
    for (const [job, pending] of this.jobs) {
      if (pending.worker !== worker) continue;
      this.finish(job);
      pending.reject(err);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
