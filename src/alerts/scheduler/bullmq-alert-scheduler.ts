import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AlertScheduler, EvaluationJob, jobKey, ScheduledRule } from './alert-scheduler';

export interface BullmqSchedulerOptions {
  /** Key prefix of the queue; other Lognest data in the same Redis uses `lognest:` too. */
  prefix?: string;
  queueName?: string;
  /** Evaluations this process runs at once. */
  concurrency?: number;
}

/**
 * A bullmq job scheduler per rule (`every` its interval) on one queue shared by every
 * Lognest process: bullmq creates one job per interval whoever scheduled it, and a job is
 * locked by the one worker that takes it, so each rule is evaluated once per interval.
 */
export class BullmqAlertScheduler extends AlertScheduler {
  private readonly logger = new Logger('Alerts');
  private readonly connection: Redis;
  private readonly queue: Queue<EvaluationJob>;
  private worker: Worker<EvaluationJob> | null = null;

  constructor(redisUrl: string, private readonly options: BullmqSchedulerOptions = {}) {
    super();
    // bullmq's workers block on Redis: they need a connection that retries forever.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    this.queue = new Queue<EvaluationJob>(this.queueName, { connection: this.connection, prefix: this.prefix });
  }

  private get prefix() {
    return this.options.prefix ?? 'lognest';
  }

  private get queueName() {
    return this.options.queueName ?? 'alert-evaluations';
  }

  async start(run: (job: EvaluationJob) => Promise<void>): Promise<void> {
    this.worker = new Worker<EvaluationJob>(this.queueName, (job) => run(job.data), {
      connection: this.connection.duplicate(),
      prefix: this.prefix,
      concurrency: this.options.concurrency ?? 4,
      lockDuration: 60_000,
    });
    this.worker.on('failed', (job, err) => this.logger.warn(`Alert evaluation ${job?.id} failed: ${err.message}`));
    this.worker.on('error', (err) => this.logger.warn(`Alert evaluation worker: ${err.message}`));
    await this.worker.waitUntilReady();
  }

  async schedule(rule: ScheduledRule): Promise<void> {
    if (!rule.enabled) return this.unschedule(rule.tenantId, rule.id);
    await this.queue.upsertJobScheduler(jobKey(rule.tenantId, rule.id), { every: rule.intervalMs }, {
      name: 'evaluate',
      data: { tenantId: rule.tenantId, ruleId: rule.id },
      opts: { removeOnComplete: true, removeOnFail: 100 },
    });
  }

  async unschedule(tenantId: string, ruleId: string): Promise<void> {
    await this.queue.removeJobScheduler(jobKey(tenantId, ruleId));
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.connection.disconnect();
  }
}
