/** One unit of background work: an id unique within its queue, and plain JSON data. */
export interface Job<T> {
  id: string;
  data: T;
  /** True when an earlier attempt was cut short (a crash, a stalled worker) and this one takes over. */
  takenOver: boolean;
}

/**
 * Thrown by a handler that stopped because its process is shutting down: the job is not
 * done, and another process (or this one after its restart) runs it again.
 */
export class JobInterrupted extends Error {
  constructor() {
    super('interrupted by shutdown');
  }
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

/**
 * Named background queues. Contract: a job added with an id that is waiting or running is
 * not added twice; each job runs on one worker at a time, one job at a time per queue and
 * process; a job whose worker died is run again (`takenOver`), on this process or another.
 * A handler that throws has failed for good (handlers record their own failures), except
 * with JobInterrupted.
 * Adapters: in process (embedded default), bullmq on Redis (every process shares the work).
 */
export abstract class JobQueue {
  /** Starts working on `queue` with `handler`; call once per queue, before `add`. */
  abstract process<T>(queue: string, handler: JobHandler<T>): void;
  abstract add<T>(queue: string, id: string, data: T): Promise<void>;
  /** Removes a job that is still waiting; false when it is running, done or unknown. */
  abstract remove(queue: string, id: string): Promise<boolean>;
  /** Resolves when this process has nothing of `queue` waiting or running. */
  abstract whenIdle(queue: string): Promise<void>;
  /** Stops taking jobs and waits for the running ones (called once, at shutdown, by LifecycleService). */
  abstract close(): Promise<void>;
}
