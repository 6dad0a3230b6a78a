import { LogRecord } from '../logs/log-record';
import { toApiRecord } from '../logs/stored-record';

/**
 * A committed record as live clients get it: its API shape serialized once, whatever the
 * number of subscribers it matches (each socket.io packet and SSE event is then built by
 * joining these strings, not by stringifying the record per subscriber). Made here from a
 * record, or where the record was prepared (LiveMatches).
 */
export interface LiveEntry {
  readonly id: string;
  readonly json: string;
}

export function liveEntryOf(record: LogRecord): LiveEntry {
  return { id: record.id, json: JSON.stringify(toApiRecord(record)) };
}
