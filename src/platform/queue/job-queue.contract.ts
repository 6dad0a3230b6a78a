import { Job, JobQueue } from './job-queue';

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** A handler whose jobs finish only when the test releases them. */
function gatedHandler() {
  const started: Job<{ n: number }>[] = [];
  const gates = new Map<string, () => void>();
  return {
    started,
    handler: async (job: Job<{ n: number }>) => {
      started.push(job);
      await new Promise<void>((release) => gates.set(job.id, release));
    },
    async release(id: string) {
      for (let i = 0; i < 200 && !gates.has(id); i++) await tick(10);
      gates.get(id)?.();
    },
  };
}

/** The behaviour every JobQueue adapter (in process, bullmq) must show. `queueName` gives a fresh queue name. */
export function describeJobQueueContract(name: string, make: () => Promise<{ queue: JobQueue; queueName: string; close(): Promise<void> }>) {
  describe(`JobQueue contract: ${name}`, () => {
    let queue: JobQueue;
    let q: string;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ queue, queueName: q, close } = await make());
    });
    afterEach(() => close());

    it('runs jobs one at a time, in the order added, with their data', async () => {
      const h = gatedHandler();
      queue.process(q, h.handler);
      await queue.add(q, 'a', { n: 1 });
      await queue.add(q, 'b', { n: 2 });
      await h.release('a');
      await h.release('b');
      await queue.whenIdle(q);
      expect(h.started.map((j) => [j.id, j.data.n, j.takenOver])).toEqual([['a', 1, false], ['b', 2, false]]);
    });

    it('does not add a job twice while it waits or runs', async () => {
      const h = gatedHandler();
      queue.process(q, h.handler);
      await queue.add(q, 'a', { n: 1 });
      await queue.add(q, 'b', { n: 2 });
      await queue.add(q, 'a', { n: 3 });
      await queue.add(q, 'b', { n: 4 });
      await h.release('a');
      await h.release('b');
      await queue.whenIdle(q);
      expect(h.started.map((j) => j.id)).toEqual(['a', 'b']);
    });

    it('removes a waiting job, but not a running one', async () => {
      const h = gatedHandler();
      queue.process(q, h.handler);
      await queue.add(q, 'a', { n: 1 });
      await queue.add(q, 'b', { n: 2 });
      for (let i = 0; i < 200 && h.started.length === 0; i++) await tick(10);
      expect(await queue.remove(q, 'a')).toBe(false);
      expect(await queue.remove(q, 'b')).toBe(true);
      expect(await queue.remove(q, 'unknown')).toBe(false);
      await h.release('a');
      await queue.whenIdle(q);
      expect(h.started.map((j) => j.id)).toEqual(['a']);
    });

    it('runs a finished job again when its id is added again', async () => {
      const runs: string[] = [];
      queue.process<{ n: number }>(q, async (job) => void runs.push(`${job.id}:${job.data.n}`));
      await queue.add(q, 'a', { n: 1 });
      await queue.whenIdle(q);
      await queue.add(q, 'a', { n: 2 });
      await queue.whenIdle(q);
      expect(runs).toEqual(['a:1', 'a:2']);
    });

    it('goes on with the next job after a handler fails', async () => {
      const runs: string[] = [];
      queue.process(q, async (job) => {
        runs.push(job.id);
        if (job.id === 'bad') throw new Error('boom');
      });
      await queue.add(q, 'bad', {});
      await queue.add(q, 'good', {});
      await queue.whenIdle(q);
      expect(runs).toEqual(['bad', 'good']);
    });
  });
}
