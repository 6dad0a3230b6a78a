import { Job, JobHandler, JobQueue } from './job-queue';

interface Lane {
  handler: JobHandler<unknown>;
  waiting: Job<unknown>[];
  running: string | null;
  drain: Promise<void> | null;
}

/** The embedded default: one lane per queue, jobs in order, lost with the process (callers resume at start). */
export class InProcessJobQueue extends JobQueue {
  private readonly lanes = new Map<string, Lane>();
  private closed = false;

  process<T>(queue: string, handler: JobHandler<T>): void {
    if (this.lanes.has(queue)) throw new Error(`queue ${queue} already has a handler`);
    this.lanes.set(queue, { handler: handler as JobHandler<unknown>, waiting: [], running: null, drain: null });
  }

  async add<T>(queue: string, id: string, data: T): Promise<void> {
    const lane = this.lane(queue);
    if (this.closed || lane.running === id || lane.waiting.some((j) => j.id === id)) return;
    lane.waiting.push({ id, data, takenOver: false });
    lane.drain ??= this.drain(lane);
  }

  async remove(queue: string, id: string): Promise<boolean> {
    const lane = this.lane(queue);
    const at = lane.waiting.findIndex((j) => j.id === id);
    if (at < 0) return false;
    lane.waiting.splice(at, 1);
    return true;
  }

  async whenIdle(queue: string): Promise<void> {
    await this.lane(queue).drain;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) lane.waiting.length = 0;
    await Promise.all([...this.lanes.values()].map((lane) => lane.drain));
  }

  private lane(queue: string): Lane {
    const lane = this.lanes.get(queue);
    if (!lane) throw new Error(`queue ${queue} has no handler`);
    return lane;
  }

  private async drain(lane: Lane): Promise<void> {
    while (lane.waiting.length > 0) {
      const job = lane.waiting.shift()!;
      lane.running = job.id;
      await lane.handler(job).catch(() => undefined);
      lane.running = null;
    }
    lane.drain = null;
  }
}
