import type { ParseRuleSpec } from '../ingest/parsers/rules/parse-rule';

export const FILE_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
export const INPUT_FORMATS = ['auto', 'ndjson', 'json', 'csv', 'text'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface LineError {
  line: number;
  reason: string;
}

export interface FileOptions {
  format: InputFormat;
  /** Text read with this parsing rule instead of detection. */
  rule?: ParseRuleSpec;
  delimiter?: string;
  timestampField?: string;
  service?: string;
  environment?: string;
  /** A watched file's inode when the scan saw it: processing refuses another file (issue 14). */
  inode?: number;
}

/** An ingested file: uploaded, or picked up from the watched folder. */
export interface LogFile {
  id: string;
  tenantId: string;
  originalName: string;
  storedPath: string;
  source: 'upload' | 'watch';
  /** For watched files: what identifies that file on disk, so a restart does not ingest it twice. */
  sourceKey: string | null;
  format: InputFormat;
  size: number;
  status: FileStatus;
  linesTotal: number;
  bytesProcessed: number;
  accepted: number;
  rejected: number;
  /** The first 100 rejected lines. */
  errors: LineError[];
  failure: string | null;
  options: FileOptions;
  uploadedBy: string;
  uploadDate: number;
  completedAt: number | null;
  description: string | null;
  /** SHA-256 of an uploaded file's bytes (hex): the same upload again is noticed (issue 13). */
  contentHash?: string;
}

/** What file ingest updates as it goes; `format` becomes the detected one when `auto` was asked. */
export type FileProgress = Pick<LogFile, 'format' | 'status' | 'linesTotal' | 'bytesProcessed' | 'accepted' | 'rejected' | 'errors' | 'failure' | 'completedAt'>;
