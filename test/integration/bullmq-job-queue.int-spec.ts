import { randomUUID } from 'node:crypto';
import { BullMqJobQueue } from '../../src/platform/queue/bullmq-job-queue';
import { describeJobQueueContract } from '../../src/platform/queue/job-queue.contract';
import { Job, JobInterrupted } from '../../src/platform/queue/job-queue';
import { TEST_REDIS_URL, testRedis } from './support/test-redis';

// The job queue contract on real Redis through bullmq, each case on keys of its own.
const t = testRedis('bullmq');
afterAll(() => t.close());

describeJobQueueContract('bullmq', async () => {
  const queue = new BullMqJobQueue({ url: TEST_REDIS_URL, lockMs: 2_000, prefix: t.prefix().slice(0, -1) });
  return { queue, queueName: `q-${randomUUID().slice(0, 8)}`, close: () => queue.close() };
});

describe('bullmq job queue across processes', () => {
  const q = 'files';

  it('hands a job whose worker was interrupted by a shutdown to another worker, marked taken over', async () => {
    const prefix = t.prefix().slice(0, -1);
    const first = new BullMqJobQueue({ url: TEST_REDIS_URL, lockMs: 2_000, prefix });
    const second = new BullMqJobQueue({ url: TEST_REDIS_URL, lockMs: 2_000, prefix });
    const ran: string[] = [];
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    let stopFirst!: () => void;
    const stopping = new Promise<void>((r) => (stopFirst = r));
    first.process(q, async (job: Job<unknown>) => {
      ran.push(`first:${job.id}:${job.takenOver}`);
      started();
      await stopping;
      throw new JobInterrupted();
    });
    await first.add(q, 'file-1', { tenantId: 't', fileId: 'file-1' });
    await firstStarted;
    let done!: () => void;
    const secondDone = new Promise<void>((r) => (done = r));
    second.process(q, async (job: Job<unknown>) => {
      ran.push(`second:${job.id}:${job.takenOver}`);
      done();
    });
    stopFirst();
    await first.close();
    await secondDone;
    await second.whenIdle(q);
    await second.close();
    expect(ran).toEqual(['first:file-1:false', 'second:file-1:true']);
  });

  it('moves the job of a worker that died without a word to another worker once its lock expires', async () => {
    const prefix = t.prefix().slice(0, -1);
    const dying = new BullMqJobQueue({ url: TEST_REDIS_URL, lockMs: 2_000, prefix });
    const survivor = new BullMqJobQueue({ url: TEST_REDIS_URL, lockMs: 2_000, prefix });
    let started!: () => void;
    const dyingStarted = new Promise<void>((r) => (started = r));
    dying.process(q, () => {
      started();
      return new Promise<void>(() => undefined); // never finishes: the process is "killed" below
    });
    await dying.add(q, 'file-2', {});
    await dyingStarted;
    await dying.kill(); // connections dropped, lock never renewed, job left active
    let done!: (job: Job<unknown>) => void;
    const taken = new Promise<Job<unknown>>((r) => (done = r));
    survivor.process(q, async (job: Job<unknown>) => done(job));
    const job = await taken;
    await survivor.close();
    expect(job).toMatchObject({ id: 'file-2', takenOver: true });
  }, 30_000);
});
