import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { LogRecord } from '../../logs/log-record';
import { SpooledBatch } from '../../logs/log-write-store';
import { fromStored } from '../../logs/stored-record';
import { EventBus } from '../../platform/events/event-bus';

/** Records per `logs.committed` event: parsing a 50k-line upload chunk at once blocks ~100 ms. */
export const COMMITTED_SLICE = 2_000;

/**
 * Turns committed spool files into `logs.committed` events, for the tenants someone listens
 * to. The records come from the spool lines the commit just loaded, not from the store: no
 * read per row, nothing parsed when nobody listens. Runs after the writer answered its
 * callers and never holds up its next commit; publications are chained so they keep commit
 * order, and the writer removes a spool file only once its publication is done.
 */
export class CommittedRecordsPublisher {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly events: EventBus) {}

  /** Resolves when the batches' files are no longer needed; never rejects. */
  publish(batches: SpooledBatch[]): Promise<void> {
    const wanted = batches.filter((b) => b.count > 0 && this.events.wants('logs.committed', b.tenantId));
    if (wanted.length === 0) return Promise.resolve();
    this.tail = this.tail.then(() => this.readAndPublish(wanted)).catch(() => undefined);
    return this.tail;
  }

  private async readAndPublish(batches: SpooledBatch[]): Promise<void> {
    for (const batch of batches) {
      const lines = (await readFile(batch.path, 'utf8')).split('\n');
      let records: LogRecord[] = [];
      for (const line of lines) {
        if (line.length === 0) continue;
        const record = fromStored(JSON.parse(line));
        record.tenantId = batch.tenantId; // the batch tenant wins, as in the stores
        records.push(record);
        if (records.length === COMMITTED_SLICE) {
          this.events.publish({ type: 'logs.committed', tenantId: batch.tenantId, records });
          records = [];
          await yieldToEventLoop();
        }
      }
      if (records.length > 0) this.events.publish({ type: 'logs.committed', tenantId: batch.tenantId, records });
    }
  }
}
