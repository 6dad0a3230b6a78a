import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { LiveMatches } from '../../live/live-matches';
import { LogRecord } from '../../logs/log-record';
import { SpooledBatch } from '../../logs/log-write-store';
import { fromStored } from '../../logs/stored-record';
import { EventBus } from '../../platform/events/event-bus';

/** Records per `logs.committed` event: parsing a 50k-line upload chunk at once blocks ~100 ms. */
export const COMMITTED_SLICE = 2_000;

/** A spooled batch as the writer commits it, with what its records matched of the live filters (PreparedChunk.live). */
export interface CommittedBatch extends SpooledBatch {
  live?: LiveMatches;
}

/**
 * Turns committed spool files into `logs.committed` events, for the tenants someone listens
 * to. The records come from the spool lines the commit just loaded, not from the store: no
 * read per row, and a line is parsed only if a listener asks for the records (the live
 * matches made at ingest spare it most of the time). Runs after the writer answered its
 * callers and never holds up its next commit; publications are chained so they keep commit
 * order, and the writer removes a spool file only once its publication is done.
 */
export class CommittedRecordsPublisher {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly events: EventBus) {}

  /** Resolves when the batches' files are no longer needed; never rejects. */
  publish(batches: CommittedBatch[]): Promise<void> {
    const wanted = batches.filter((b) => b.count > 0 && this.events.wants('logs.committed', b.tenantId));
    if (wanted.length === 0) return Promise.resolve();
    this.tail = this.tail.then(() => this.readAndPublish(wanted)).catch(() => undefined);
    return this.tail;
  }

  private async readAndPublish(batches: CommittedBatch[]): Promise<void> {
    for (const batch of batches) {
      // Matches that do not line up with the batch (never expected) are not trusted: the listeners read the records.
      const live = batch.live?.levels.length === batch.count ? batch.live : null;
      // With matches, the file is read only if a listener asks for records (most often none does).
      let lines = live ? null : await readLines(batch.path);
      const lineAt = () => (lines ??= readLinesSync(batch.path));
      const count = live ? batch.count : lineAt().length;
      let entry = 0;
      for (let start = 0; start < count; start += COMMITTED_SLICE) {
        const end = Math.min(count, start + COMMITTED_SLICE);
        let matches: LiveMatches | null = null;
        if (live) {
          const first = entry;
          while (entry < live.entries.length && live.entries[entry].line < end) entry++;
          matches = { generation: live.generation, levels: live.levels.subarray(start, end), entries: live.entries.slice(first, entry) };
        }
        let records: LogRecord[] | null = null;
        const read = () => (records ??= parseLines(lineAt(), start, end, batch.tenantId));
        this.events.publish({ type: 'logs.committed', tenantId: batch.tenantId, count: end - start, matches, records: read });
        if (end < count) await yieldToEventLoop();
      }
    }
  }
}

async function readLines(file: string): Promise<string[]> {
  return splitLines(await readFile(file, 'utf8'));
}

function readLinesSync(file: string): string[] {
  return splitLines(readFileSync(file, 'utf8'));
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function parseLines(lines: string[], start: number, end: number, tenantId: string): LogRecord[] {
  const records: LogRecord[] = [];
  for (let i = start; i < Math.min(end, lines.length); i++) {
    const record = fromStored(JSON.parse(lines[i]));
    record.tenantId = tenantId; // the batch tenant wins, as in the stores
    records.push(record);
  }
  return records;
}
