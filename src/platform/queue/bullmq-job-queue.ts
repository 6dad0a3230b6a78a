import { Logger } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { REDIS_KEY_PREFIX } from '../redis/redis-connection';
import { JobHandler, JobInterrupted, JobQueue } from './job-queue';

/** Shutdowns and crashes a job may live through before it is given up. */
const MAX_ATTEMPTS = 50;

export interface BullMqOptions {
  url: string;
  /** How long a worker holds a job without renewing its lock before another may take it over. */
  lockMs: number;
  prefix?: string;
}

/**
 * Queues in Redis through bullmq, shared by every Lognest process on that Redis: a job id is
 * a bullmq job id (added once while it exists), one worker per queue and process with
 * concurrency 1, and a job whose process died is moved back by bullmq's stalled-job check
 * and run again elsewhere. Finished jobs are removed, so the same id may be added again.
 */
export class BullMqJobQueue extends JobQueue {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly active = new Map<string, Set<Promise<void>>>();

  constructor(private readonly options: BullMqOptions) {
    super();
  }

  private get connection() {
    // bullmq opens its own connections from these options; workers block, so no request limit.
    return { url: this.options.url, maxRetriesPerRequest: null };
  }

  private get prefix(): string {
    return this.options.prefix ?? `${REDIS_KEY_PREFIX}bull`;
  }

  process<T>(queue: string, handler: JobHandler<T>): void {
    if (this.workers.has(queue)) throw new Error(`queue ${queue} already has a handler`);
    const running = new Set<Promise<void>>();
    this.active.set(queue, running);
    const worker = new Worker(
      queue,
      async (job) => {
        const run = handler({ id: job.id!, data: job.data as T, takenOver: job.attemptsStarted > 1 || job.stalledCounter > 0 });
        running.add(run);
        try {
          await run;
        } catch (err) {
          // Interrupted: let bullmq retry it (here or on another process); anything else is final.
          if (err instanceof JobInterrupted) throw err;
          throw new UnrecoverableError((err as Error).message);
        } finally {
          running.delete(run);
        }
      },
      {
        connection: this.connection, prefix: this.prefix, concurrency: 1, lockDuration: this.options.lockMs,
        stalledInterval: Math.max(1000, Math.floor(this.options.lockMs / 2)), maxStalledCount: 10,
        removeOnComplete: { count: 0 }, removeOnFail: { count: 0 },
      },
    );
    worker.on('error', (err) => this.logger.warn(`bullmq worker of ${queue}: ${err.message}`));
    this.workers.set(queue, worker);
  }

  async add<T>(queue: string, id: string, data: T): Promise<void> {
    await this.queue(queue).add(queue, data, { jobId: id, removeOnComplete: true, removeOnFail: true, attempts: MAX_ATTEMPTS });
  }

  async remove(queue: string, id: string): Promise<boolean> {
    const job = await this.queue(queue).getJob(id);
    if (!job || !(await job.isWaiting()) && !(await job.isDelayed())) return false;
    try {
      await job.remove();
      return true;
    } catch {
      return false; // taken by a worker meanwhile
    }
  }

  async whenIdle(queue: string): Promise<void> {
    const q = this.queue(queue);
    for (;;) {
      const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const pending = Object.values(counts).reduce((a, b) => a + b, 0);
      if (pending === 0 && (this.active.get(queue)?.size ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  /** Stops at once without finishing or giving back the running jobs, as a crash would: for tests of takeover. */
  async kill(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.close(true)));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (err) => this.logger.warn(`bullmq queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}
