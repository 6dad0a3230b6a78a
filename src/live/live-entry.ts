import { LogRecord } from '../logs/log-record';
import { toApiRecord } from '../logs/stored-record';
import { LiveRecord } from './client-events';

/**
 * A committed record as live clients get it: mapped to the API shape and serialized once,
 * whatever the number of subscribers it matches (each socket.io packet and SSE event is
 * then built by joining these strings, not by stringifying the record per subscriber).
 */
export class LiveEntry {
  private text: string | null = null;

  constructor(
    readonly id: string,
    readonly record: LiveRecord,
  ) {}

  static of(record: LogRecord): LiveEntry {
    return new LiveEntry(record.id, toApiRecord(record));
  }

  /** The record's JSON (computed on first use). */
  get json(): string {
    return (this.text ??= JSON.stringify(this.record));
  }
}
