import { Injectable, Logger } from '@nestjs/common';
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { AppConfig } from '../../../config/app-config';
import { LogReadStore } from '../../../logs/log-read-store';
import { WriterSaturatedError } from '../../pipeline/log-writer';
import { InputStats, PartitionLag } from '../input-stats';
import { InputWriter } from '../input-writer';
import { kafkaLine } from './kafka-message';
import { storedOffsets } from './stored-offsets';

/** Messages per durable write and offset commit: bounds what a crash can leave uncommitted. */
const CHUNK_MESSAGES = 2000;
const LAG_REFRESH_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Kafka input: a consumer in group LOGNEST_KAFKA_GROUP on LOGNEST_KAFKA_TOPICS. Each
 * message is a record (JSON, else text). Offsets are committed only after the records are
 * durable; after a (re)assignment the first batch of a partition skips offsets already
 * stored (a crash between commit to the store and to Kafka), so nothing is stored twice. A
 * saturated writer pauses the partition until it takes the chunk; a poison message is
 * rejected, counted and committed past, never blocking its partition.
 */
@Injectable()
export class KafkaInput {
  private readonly logger = new Logger('Kafka');
  private consumer: Consumer | null = null;
  private admin: Admin | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private lag: PartitionLag[] = [];
  /** Partitions whose stored offsets were checked since the last group join. */
  private checked = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    private readonly writer: InputWriter,
    private readonly stats: InputStats,
    private readonly reads: LogReadStore,
  ) {}

  private get counters() {
    return this.stats.of('kafka');
  }

  async start(tenantId: string): Promise<void> {
    const { kafkaBrokers, kafkaTopics, kafkaGroup } = this.config;
    const kafka = new Kafka({ clientId: 'lognest', brokers: kafkaBrokers, logLevel: logLevel.ERROR, logCreator: () => (entry) => this.log(entry) });
    this.consumer = kafka.consumer({ groupId: kafkaGroup, allowAutoTopicCreation: false });
    this.admin = kafka.admin();
    await this.consumer.connect();
    await this.admin.connect();
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.checked = new Set()));
    for (const topic of kafkaTopics) await this.consumer.subscribe({ topic, fromBeginning: true });
    this.counters.enable(`kafka://${kafkaBrokers.join(',')}/${kafkaTopics.join(',')} (group ${kafkaGroup})`);
    this.counters.reportLag(() => this.lag);
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.batch(tenantId, payload) });
    this.lagTimer = setInterval(() => void this.refreshLag(), LAG_REFRESH_MS);
    void this.refreshLag();
  }

  /** Stops after the chunk being written; its offsets are committed once it is durable. */
  async stop(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    this.lagTimer = null;
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
    this.consumer = null;
    this.admin = null;
    this.counters.disable();
  }

  private async batch(tenantId: string, { batch, heartbeat, isRunning, isStale, pause, resolveOffset }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const key = `${topic}/${partition}`;
    let skip: Set<string> | null = null;
    if (!this.checked.has(key) && batch.messages.length > 0) {
      skip = await storedOffsets(this.reads, tenantId, topic, partition, batch.messages[0].offset);
      this.checked.add(key);
    }
    for (let i = 0; i < batch.messages.length; i += CHUNK_MESSAGES) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + CHUNK_MESSAGES);
      const lines = this.lines(chunk, topic, partition, skip);
      await this.writeDurably(tenantId, lines, pause, heartbeat);
      const last = chunk[chunk.length - 1].offset;
      resolveOffset(last);
      await this.consumer!.commitOffsets([{ topic, partition, offset: (BigInt(last) + 1n).toString() }]);
      await heartbeat();
    }
  }

  private lines(messages: KafkaMessage[], topic: string, partition: number, skip: Set<string> | null): string[] {
    const lines: string[] = [];
    for (const message of messages) {
      this.counters.received++;
      if (skip?.has(message.offset)) {
        this.counters.duplicates++;
        continue;
      }
      const decoded = kafkaLine(message.value, { topic, partition, offset: message.offset }, message.timestamp);
      if ('error' in decoded) this.counters.reject(decoded.error, 1, decoded.detail);
      else lines.push(decoded.line);
    }
    return lines;
  }

  /** Writes until durable; while the writer is saturated the partition is paused. */
  private async writeDurably(tenantId: string, lines: string[], pause: () => () => void, heartbeat: () => Promise<void>): Promise<void> {
    let resume: (() => void) | null = null;
    try {
      for (;;) {
        try {
          await this.writer.write(this.counters, tenantId, lines);
          return;
        } catch (err) {
          if (!(err instanceof WriterSaturatedError)) throw err;
          resume ??= pause();
          await sleep(Math.min(1000, err.retryAfterSeconds * 1000));
          await heartbeat();
        }
      }
    } finally {
      resume?.();
    }
  }

  private async refreshLag(): Promise<void> {
    if (!this.admin) return;
    try {
      const lag: PartitionLag[] = [];
      for (const topic of this.config.kafkaTopics) {
        const [ends, committed] = await Promise.all([
          this.admin.fetchTopicOffsets(topic),
          this.admin.fetchOffsets({ groupId: this.config.kafkaGroup, topics: [topic] }),
        ]);
        const done = new Map(committed.flatMap((t) => t.partitions).map((p) => [p.partition, p.offset]));
        for (const end of ends) {
          const offset = done.get(end.partition);
          const next = offset === undefined || offset === '-1' ? BigInt(end.low) : BigInt(offset);
          lag.push({ topic, partition: end.partition, committedOffset: offset === '-1' ? null : offset ?? null, endOffset: end.high, lag: Number(BigInt(end.high) - next) });
        }
      }
      this.lag = lag.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    } catch (err) {
      this.counters.error(`lag: ${(err as Error).message}`);
    }
  }

  private log(entry: { level: logLevel; log: { message: string } }): void {
    this.counters.error(entry.log.message);
    if (entry.level <= logLevel.ERROR) this.logger.error(entry.log.message);
  }
}
