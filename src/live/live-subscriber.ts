import { LogRecord } from '../logs/log-record';
import { DroppedNotice } from './client-events';
import { LiveEntry } from './live-entry';
import { LiveFilter } from './live-filter';

/** Where a subscriber's records go: a socket.io socket or an SSE response. */
export interface LiveSink {
  /** The transport still holds unsent data: the client is not keeping up. */
  busy(): boolean;
  /** Bytes written to the transport that it has not yet sent (what a stuck client costs beyond the buffer). */
  unsentBytes(): number;
  /** Records in commit order, already serialized (LiveEntry.json). */
  send(entries: LiveEntry[]): void;
  dropped(notice: DroppedNotice): void;
}

/** Records a subscriber may have waiting; beyond it they are dropped and counted (~2 s at the default rate). */
export const SUBSCRIBER_BUFFER = 1_000;
/** Bytes of record JSON a subscriber may have waiting: large records must not multiply the bound. */
export const SUBSCRIBER_BUFFER_BYTES = 1 << 20;
/** How soon a busy sink is tried again. */
const BUSY_RETRY_MS = 50;

/**
 * One live stream: its filter, a bounded buffer and the drop accounting. The tailer offers
 * it every committed record of its tenant; it never blocks and never grows past its buffer
 * (the Loki tailer's rule: count what a slow client missed and tell it, don't wait for it).
 * Records are sent in one `logs` batch per turn of the event loop, so a commit arrives as one
 * message.
 */
export class LiveSubscriber {
  private filter: LiveFilter | null = null;
  private buffer: LiveEntry[] = [];
  private bufferBytes = 0;
  private droppedCount = 0;
  private droppedSince = 0;
  private windowStart = 0;
  private windowCount = 0;
  private flushPending = false;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private held = false;
  /** Ids already sent by a backfill: a record at the seam is sent once. */
  private sentIds: Set<string> | null = null;

  constructor(
    readonly tenantId: string,
    /** Who is connected, for connected_users. */
    readonly userKey: string,
    private readonly sink: LiveSink,
    private readonly maxRate: number,
    private readonly capacity = SUBSCRIBER_BUFFER,
    private readonly now: () => number = Date.now,
    private readonly capacityBytes = SUBSCRIBER_BUFFER_BYTES,
  ) {}

  get buffered(): number {
    return this.buffer.length;
  }

  get unsentBytes(): number {
    return this.closed ? 0 : this.sink.unsentBytes();
  }

  /** Told when the filter changes (the tailer re-files the subscriber by its services). */
  onFilterChange: (() => void) | null = null;

  get filterServices(): LiveFilter['services'] | undefined {
    return this.filter === null ? undefined : this.filter.services;
  }

  get filterInput(): LiveFilter['input'] | undefined {
    return this.filter?.input;
  }

  setFilter(filter: LiveFilter): void {
    this.filter = filter;
    this.onFilterChange?.();
  }

  /**
   * Offers a committed record of this tenant; `entry` maps and serializes it (once, shared by
   * every subscriber).
   * Answers whether it was queued for the client, dropped (rate or buffer full), or not for it.
   */
  offer(record: LogRecord, entry: () => LiveEntry): 'queued' | 'dropped' | null {
    if (this.closed || this.filter === null || !this.filter.matches(record)) return null;
    return this.accept(record.id, entry);
  }

  /** Offers a record its filter is already known to match (matched where it was prepared). */
  offerMatched(entry: LiveEntry): 'queued' | 'dropped' | null {
    if (this.closed || this.filter === null) return null;
    return this.accept(entry.id, () => entry);
  }

  private accept(id: string, entry: () => LiveEntry): 'queued' | 'dropped' | null {
    if (this.sentIds?.has(id)) return null;
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    // Serialized only when it may be queued; one record larger than the byte cap still goes alone.
    const next = this.windowCount >= this.maxRate || this.buffer.length >= this.capacity ? null : entry();
    if (next === null || (this.buffer.length > 0 && this.bufferBytes + next.json.length > this.capacityBytes)) {
      if (this.droppedCount === 0) this.droppedSince = now;
      this.droppedCount++;
      this.scheduleFlush();
      return 'dropped';
    }
    this.windowCount++;
    this.buffer.push(next);
    this.bufferBytes += next.json.length;
    this.scheduleFlush();
    return 'queued';
  }

  /** Buffers without sending until `release` (an SSE backfill is being read). */
  hold(): void {
    this.held = true;
  }

  /** Sends what was held, except records the backfill already sent (and skips them later too). */
  release(sentIds: Set<string>): void {
    this.sentIds = sentIds;
    this.buffer = this.buffer.filter((e) => !sentIds.has(e.id));
    this.bufferBytes = this.buffer.reduce((n, e) => n + e.json.length, 0);
    this.held = false;
    this.scheduleFlush();
  }

  close(): void {
    this.closed = true;
    this.buffer = [];
    this.bufferBytes = 0;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private scheduleFlush(): void {
    if (this.flushPending || this.retry || this.held) return;
    this.flushPending = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushPending = false;
    this.retry = null;
    if (this.closed || this.held) return;
    if (this.sink.busy()) {
      this.retry = setTimeout(() => this.flush(), BUSY_RETRY_MS);
      this.retry.unref();
      return;
    }
    if (this.droppedCount > 0) {
      this.sink.dropped({ count: this.droppedCount, since: new Date(this.droppedSince).toISOString() });
      this.droppedCount = 0;
    }
    if (this.buffer.length > 0) {
      const batch = this.buffer;
      this.buffer = [];
      this.bufferBytes = 0;
      this.sink.send(batch);
    }
  }
}
