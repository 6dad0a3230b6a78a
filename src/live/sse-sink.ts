import type { Response } from 'express';
import { DroppedNotice } from './client-events';
import { LiveEntry } from './live-entry';
import { LiveSink } from './live-subscriber';
import { SharedFrame } from './shared-frame';

/**
 * Bytes the response may hold unsent before the client counts as not keeping up (the
 * subscriber then keeps at most its own bounded buffer and counts the rest as dropped).
 */
const MAX_UNSENT_BYTES = 256 * 1024;
/** One encoded text per batch, whichever responses send it (a Buffer: written without encoding it again). */
const EVENTS = new SharedFrame((entries) => Buffer.from(entries.map((e) => `data: ${e.json}\n\n`).join('')));

/** An SSE response as a live sink: one `data:` line of record JSON per event. */
export class SseSink implements LiveSink {
  constructor(private readonly res: Response) {}

  busy(): boolean {
    return this.res.destroyed || this.res.writableLength > MAX_UNSENT_BYTES;
  }

  unsentBytes(): number {
    return this.res.destroyed ? 0 : this.res.writableLength;
  }

  send(entries: LiveEntry[]): void {
    if (entries.length > 0) this.res.write(EVENTS.of(entries));
  }

  dropped(notice: DroppedNotice): void {
    this.res.write(`event: dropped\ndata: ${JSON.stringify(notice)}\n\n`);
  }

  /** A comment line: keeps proxies from closing an idle stream. */
  keepAlive(): void {
    if (!this.busy()) this.res.write(': keep-alive\n\n');
  }
}
