import type { ParseRuleSpec } from '../parsers/rules/parse-rule';
import { PatternCount } from '../../patterns/pattern-key';
import { InputFormat, LineError } from '../../files/file-types';
import { LiveMatches } from '../../live/live-matches';

/** What every record of one ingest job is stamped with, and how its input is read. */
export interface IngestJobOptions {
  tenantId: string;
  fileId: string | null;
  format: InputFormat;
  filename?: string;
  delimiter?: string;
  timestampField?: string;
  /** Text read with this parsing rule (plain data: compiled in the worker). */
  rule?: ParseRuleSpec;
  /** Network inputs: each record's `message` is read with this rule, its captures merged into the record. */
  messageRule?: ParseRuleSpec;
  /** Every record carries `fields.filename` (the file's name) when set. */
  labelFilename?: boolean;
  defaults?: { service?: string; environment?: string };
  spoolDir: string;
}

/** Records of a job serialized to a spool file, ready for LogWriteStore.appendSpooled. */
export interface PreparedChunk {
  path: string;
  /** The format the input was read as (the detected one for `auto`). */
  format: Exclude<InputFormat, 'auto'>;
  accepted: number;
  rejected: number;
  errors: LineError[];
  /** Lines of input consumed so far, and bytes, for progress. */
  lines: number;
  bytes: number;
  ids: string[];
  /** The earliest `@timestamp` of the accepted records (null when none): cache invalidation. */
  oldestTimestamp: number | null;
  /** Records per pattern id (src/patterns), for the pattern counts once the chunk is committed. */
  patterns: PatternCount[];
  /** What the records matched of the live subscribers' filters; absent when nobody watched the tenant. */
  live?: LiveMatches;
}

export const MAX_REPORTED_ERRORS = 100;
/** Records per spool chunk when a file is streamed: bounds memory and shows progress. */
export const FILE_CHUNK_RECORDS = 50_000;
