import type { Response } from 'express';
import { DroppedNotice, LiveRecord } from './client-events';
import { LiveSink } from './live-subscriber';

/** An SSE response as a live sink: one `data:` line of record JSON per event. */
export class SseSink implements LiveSink {
  constructor(private readonly res: Response) {}

  busy(): boolean {
    return this.res.destroyed || this.res.writableNeedDrain;
  }

  send(records: LiveRecord[]): void {
    if (records.length > 0) this.res.write(records.map((r) => `data: ${JSON.stringify(r)}\n\n`).join(''));
  }

  dropped(notice: DroppedNotice): void {
    this.res.write(`event: dropped\ndata: ${JSON.stringify(notice)}\n\n`);
  }

  /** A comment line: keeps proxies from closing an idle stream. */
  keepAlive(): void {
    if (!this.busy()) this.res.write(': keep-alive\n\n');
  }
}
