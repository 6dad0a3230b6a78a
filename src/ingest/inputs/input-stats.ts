import { Injectable } from '@nestjs/common';

export const INPUT_NAMES = ['es-bulk', 'otlp', 'syslog-udp', 'syslog-tcp', 'tcp-json', 'kafka'] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Consumer lag of one Kafka partition: the broker's end offset minus the next offset to read. */
export interface PartitionLag {
  topic: string;
  partition: number;
  committedOffset: string | null;
  endOffset: string;
  lag: number;
}

export interface InputStatus {
  name: InputName;
  enabled: boolean;
  /** Where it listens: `host:port`, an HTTP path, or the Kafka brokers. */
  address: string | null;
  /** Records (frames, documents, messages) that arrived. */
  received: number;
  /** Records durable in the log store. */
  accepted: number;
  rejected: number;
  /** Kafka: redelivered records skipped because they were already stored. */
  duplicates: number;
  rejectReasons: Record<string, number>;
  lastError: { at: string; reason: string } | null;
  partitions?: PartitionLag[];
}

/** The counters of one input; the input updates them, /api/inputs and the metrics read them. */
export class InputCounters {
  enabled = false;
  address: string | null = null;
  received = 0;
  accepted = 0;
  rejected = 0;
  duplicates = 0;
  private readonly reasons = new Map<string, number>();
  private lastError: InputStatus['lastError'] = null;
  private lag: (() => PartitionLag[]) | null = null;

  constructor(readonly name: InputName) {}

  enable(address: string): void {
    this.enabled = true;
    this.address = address;
  }

  disable(): void {
    this.enabled = false;
  }

  /** Counts `count` rejected records under `reason` (a short, stable phrase: it is a metric label). */
  reject(reason: string, count = 1, detail?: string): void {
    if (count <= 0) return;
    this.rejected += count;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + count);
    this.error(detail ? `${reason}: ${detail}` : reason);
  }

  error(reason: string): void {
    this.lastError = { at: new Date().toISOString(), reason: reason.slice(0, 500) };
  }

  reportLag(source: () => PartitionLag[]): void {
    this.lag = source;
  }

  status(): InputStatus {
    const status: InputStatus = {
      name: this.name,
      enabled: this.enabled,
      address: this.address,
      received: this.received,
      accepted: this.accepted,
      rejected: this.rejected,
      duplicates: this.duplicates,
      rejectReasons: Object.fromEntries(this.reasons),
      lastError: this.lastError,
    };
    if (this.lag) status.partitions = this.lag();
    return status;
  }
}

/** Per-input counters, one registry for the process. Read by GET /api/inputs and the metrics. */
@Injectable()
export class InputStats {
  private readonly inputs = new Map<InputName, InputCounters>(INPUT_NAMES.map((name) => [name, new InputCounters(name)]));

  of(name: InputName): InputCounters {
    return this.inputs.get(name)!;
  }

  list(): InputStatus[] {
    return INPUT_NAMES.map((name) => this.of(name).status());
  }
}
